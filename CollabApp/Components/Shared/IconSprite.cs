using System.Collections.Frozen;
using System.Text;

namespace CollabApp.Components.Shared;

/// <summary>
/// The icons of kept-markup rows (the to-do rows and one's own chat messages), drawn once per
/// page as SVG symbols and referenced by each row with <c>&lt;use&gt;</c>. A row's markup is a string held by every
/// circuit that shows it; with the icons' paths inline, a to-do row was about 2.5 KB of text, most of it four icons
/// (issue 13). The page renders <see cref="Symbols"/> once, outside any circuit (App.razor).
/// </summary>
public static class IconSprite
{
    public const string ArrowUpward = "collab-icon-arrow-upward";
    public const string ArrowDownward = "collab-icon-arrow-downward";
    public const string Edit = "collab-icon-edit";
    public const string Delete = "collab-icon-delete";
    public const string EditOutlined = "collab-icon-edit-outlined";
    public const string DeleteOutlined = "collab-icon-delete-outlined";

    private static readonly (string Id, string Paths)[] Icons =
    [
        (ArrowUpward, MudBlazor.Icons.Material.Filled.ArrowUpward),
        (ArrowDownward, MudBlazor.Icons.Material.Filled.ArrowDownward),
        (Edit, MudBlazor.Icons.Material.Filled.Edit),
        (Delete, MudBlazor.Icons.Material.Filled.Delete),
        (EditOutlined, MudBlazor.Icons.Material.Outlined.Edit),
        (DeleteOutlined, MudBlazor.Icons.Material.Outlined.Delete),
    ];

    /// <summary>The symbols, in an SVG that takes no room (not <c>display: none</c>, which some browsers apply to what uses it).</summary>
    public static readonly string Symbols = Icons
        .Aggregate(new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" focusable=\"false\" style=\"position: absolute; width: 0; height: 0; overflow: hidden\">"),
            (svg, icon) => svg.Append("<symbol id=\"").Append(icon.Id).Append("\" viewBox=\"0 0 24 24\">").Append(icon.Paths).Append("</symbol>"))
        .Append("</svg>").ToString();

    private static readonly FrozenDictionary<string, string> Small = Icons.ToFrozenDictionary(icon => icon.Id, icon =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-small\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\"><use href=\"#{icon.Id}\"></use></svg>");

    /// <summary>A small icon as MudIconButton draws it, its shape taken from the page's symbol <paramref name="id"/>.</summary>
    public static string SmallIcon(string id) => Small[id];

    /// <summary>
    /// A small icon button of a kept-markup row: no handler of its own, its <paramref name="action"/> read by the list's
    /// row events (<see cref="EventHandlers"/>); <paramref name="label"/> is its accessible name (encoded), and its tooltip
    /// when <paramref name="titled"/>.
    /// </summary>
    public static StringBuilder AppendSmallIconButton(this StringBuilder html, string action, string label, string iconId,
        bool disabled = false, bool titled = false)
    {
        html.Append("<button type=\"button\"").AppendAttribute("class", Glyphs.SmallIconButton);
        if (disabled)
        {
            html.Append(" disabled");
        }
        html.AppendAttribute("aria-label", label);
        if (titled)
        {
            html.AppendAttribute("title", label);
        }
        return html.AppendAttribute("data-action", action).Append("><span class=\"mud-icon-button-label\">").Append(SmallIcon(iconId))
            .Append("</span></button>");
    }
}
