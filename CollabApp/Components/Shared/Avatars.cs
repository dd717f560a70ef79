using System.Text;
using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Shared;

/// <summary>
/// A person's initials avatar as plain markup with MudBlazor's avatar classes (issue 13): rows that show one per
/// message or person would otherwise hold a component each (two render-tree buffers, its parameter state) in every
/// circuit. Decorative, since the name is always written next to it.
/// </summary>
public static class Avatars
{
    // One style string per hue, shared by every circuit instead of one per row per render.
    private static readonly string[] Styles = [.. Enumerable.Range(0, 360).Select(hue => $"background-color: hsl({hue} 55% 45%); color: #fff;")];

    public static RenderFragment For(string userId, string name) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-avatar mud-avatar-small mud-avatar-filled");
        builder.AddAttribute(2, "style", Styles[People.Hue(userId)]);
        builder.AddAttribute(3, "aria-hidden", "true");
        builder.AddContent(4, People.Initials(name));
        builder.CloseElement();
    };

    /// <summary>The same avatar as markup text, for rows kept as one markup string.</summary>
    public static StringBuilder AppendAvatar(this StringBuilder html, string userId, string name) =>
        html.Append("<div class=\"mud-avatar mud-avatar-small mud-avatar-filled\" style=\"").Append(Styles[People.Hue(userId)])
            .Append("\" aria-hidden=\"true\">").AppendEncoded(People.Initials(name)).Append("</div>");
}
