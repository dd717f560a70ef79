using System.Text;
using CollabApp.Components.Shared;
using CollabApp.Core.Chat;

namespace CollabApp.Components.Chat;

/// <summary>
/// A message's text as markup, from its segments (<see cref="MessageParser"/>): links and mentions are elements built
/// from parsed pieces, and every piece of the user's text is encoded (<see cref="HtmlText"/>), never taken as markup.
/// Part of the row's markup string (<see cref="ChatRowHtml"/>), not a component or fragment per message (issue 13).
/// </summary>
public static class MessageText
{
    /// <param name="members">The user names that may be mentioned, compared ignoring case.</param>
    /// <param name="myUserName">The signed-in user's name: a mention of them stands out more.</param>
    public static StringBuilder AppendMessageText(this StringBuilder html, string text, IReadOnlySet<string> members, string myUserName)
    {
        foreach (var segment in MessageParser.Parse(text, members))
        {
            switch (segment)
            {
                case LinkSegment link:
                    html.Append("<a").AppendAttribute("href", link.Text).Append(" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                        .AppendEncoded(link.Text).Append("</a>");
                    break;
                case MentionSegment mention when string.Equals(mention.UserName, myUserName, StringComparison.OrdinalIgnoreCase):
                    html.Append("<strong class=\"collab-mention collab-mention-me\" data-testid=\"mention-me\">").AppendEncoded(mention.Text).Append("</strong>");
                    break;
                case MentionSegment mention:
                    html.Append("<span class=\"collab-mention\" data-testid=\"mention\">").AppendEncoded(mention.Text).Append("</span>");
                    break;
                default:
                    html.AppendEncoded(segment.Text);
                    break;
            }
        }
        return html;
    }
}
