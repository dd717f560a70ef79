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

    /// <summary>One markup frame where it was an element with three attributes and a text (<c>UserAvatar</c>).</summary>
    public static RenderFragment For(string userId, string name) => builder => builder.AddMarkupContent(0, Html(userId, name));

    /// <summary>The avatar as markup text; the initials are encoded, the style is one of the shared ones.</summary>
    public static string Html(string userId, string name) =>
        new StringBuilder(192).Append("<div class=\"mud-avatar mud-avatar-small mud-avatar-filled\" style=\"").Append(Styles[People.Hue(userId)])
            .Append("\" aria-hidden=\"true\">").AppendEncoded(People.Initials(name)).Append("</div>").ToString();
}
