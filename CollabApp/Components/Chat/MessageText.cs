using CollabApp.Core.Chat;
using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Chat;

/// <summary>
/// A message's text as segments (<see cref="MessageParser"/>): links and mentions are built as elements from parsed
/// pieces, and every piece of the user's text is rendered as text, never as markup. A fragment in the chat panel's own
/// render tree rather than a component per message (issue 13: each component costs every circuit its render buffers).
/// </summary>
public static class MessageText
{
    /// <param name="members">The user names that may be mentioned, compared ignoring case.</param>
    /// <param name="myUserName">The signed-in user's name: a mention of them stands out more.</param>
    public static RenderFragment Of(string text, IReadOnlySet<string> members, string myUserName) => builder =>
    {
        foreach (var segment in MessageParser.Parse(text, members))
        {
            switch (segment)
            {
                case LinkSegment link:
                    builder.OpenElement(0, "a");
                    builder.AddAttribute(1, "href", link.Text);
                    builder.AddAttribute(2, "rel", "noopener noreferrer nofollow");
                    builder.AddAttribute(3, "target", "_blank");
                    builder.AddContent(4, link.Text);
                    builder.CloseElement();
                    break;
                case MentionSegment mention when string.Equals(mention.UserName, myUserName, StringComparison.OrdinalIgnoreCase):
                    builder.OpenElement(5, "strong");
                    builder.AddAttribute(6, "class", "collab-mention collab-mention-me");
                    builder.AddAttribute(7, "data-testid", "mention-me");
                    builder.AddContent(8, mention.Text);
                    builder.CloseElement();
                    break;
                case MentionSegment mention:
                    builder.OpenElement(9, "span");
                    builder.AddAttribute(10, "class", "collab-mention");
                    builder.AddAttribute(11, "data-testid", "mention");
                    builder.AddContent(12, mention.Text);
                    builder.CloseElement();
                    break;
                default:
                    builder.AddContent(13, segment.Text);
                    break;
            }
        }
    };
}
