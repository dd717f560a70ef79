using System.Globalization;
using System.Text;
using CollabApp.Components.Shared;
using CollabApp.Core.Presence;

namespace CollabApp.Components.Presence;

/// <summary>
/// A who's-online entry as markup text: the item with its avatar, status dot, name and status. One markup frame per
/// person where it was about twenty-five element, attribute and text frames, held twice by each circuit, so a room
/// with ten people online no longer costs each viewer a 256-frame render tree (issue 13). It has no control, so being
/// replaced when it changes takes nothing from the user. Every value from the person is encoded (<see cref="HtmlText"/>).
/// </summary>
public static class PresenceRowHtml
{
    /// <param name="avatar">Their avatar (<see cref="Avatars.Html"/>).</param>
    /// <param name="shownName">Their display name as this viewer knows it; the title keeps their user name.</param>
    /// <param name="isViewer">The entry is the viewer's own: it says "(you)".</param>
    public static string Entry(PresenceEntry entry, string avatar, string shownName, bool isViewer)
    {
        var html = new StringBuilder(512).Append("<li data-testid=\"presence-entry\"").AppendAttribute("data-user", entry.UserName)
            .AppendAttribute("data-status", entry.Status).Append("><span class=\"collab-presence-avatar\">")
            .Append(avatar)
            .Append("<span class=\"collab-status-dot\"").AppendAttribute("data-status", entry.Status).AppendAttribute("title", entry.Status)
            .Append("></span></span><span class=\"collab-presence-name\"><span").AppendAttribute("title", entry.UserName).Append('>')
            .AppendEncoded(shownName).Append("</span>");
        if (isViewer)
        {
            html.Append("<span class=\"collab-presence-you\"> (you)</span>");
        }
        html.Append("</span><span class=\"collab-presence-status\">").AppendEncoded(entry.Status).Append("</span>");
        if (entry.Connections > 1)
        {
            html.Append("<span class=\"collab-presence-devices\">")
                .Append(entry.Connections.ToString(CultureInfo.InvariantCulture)).Append(" devices</span>");
        }
        return html.Append("</li>").ToString();
    }
}
