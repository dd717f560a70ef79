using System.Globalization;
using System.Text;
using CollabApp.Components.Shared;

namespace CollabApp.Components.Chat;

/// <summary>
/// The parts of a chat row that hold no event handler, as markup text: the line above the text (sender, time,
/// "sending…") and the text itself; the avatar is <see cref="Avatars.Html"/>. A row is then a few markup frames where
/// it was about thirty element, attribute and text frames, held twice by each circuit (the current and the previous
/// render tree; issue 13). Every value from the message or the person is encoded (<see cref="HtmlText"/>).
/// </summary>
public static class ChatRowHtml
{
    /// <param name="shownName">The sender's display name as this viewer knows it; the title keeps their user name.</param>
    /// <param name="relativeTime">"5 min ago" as of this render (<see cref="People.RelativeTime"/>).</param>
    public static string Meta(ChatEntry entry, string shownName, string relativeTime)
    {
        var html = new StringBuilder(256).Append("<div class=\"collab-chat-meta\"><span class=\"collab-chat-sender\"><span")
            .AppendAttribute("title", entry.UserName).Append('>').AppendEncoded(shownName).Append("</span></span><time")
            .AppendAttribute("datetime", entry.SentAt.ToString("O", CultureInfo.InvariantCulture))
            .AppendAttribute("title", entry.SentAt.ToString("f", CultureInfo.CurrentCulture)).Append('>')
            .AppendEncoded(relativeTime).Append("</time>");
        if (entry.State == ChatEntryState.Sending)
        {
            html.Append("<span class=\"collab-chat-state\">sending…</span>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>The message's text with its links and mentions and the "(edited)" mark, or that it was deleted.</summary>
    public static string Text(ChatEntry entry, IReadOnlySet<string> members, string myUserName)
    {
        if (entry.Deleted)
        {
            return "<p class=\"collab-chat-text collab-chat-deleted\" data-testid=\"message-deleted\">Message deleted</p>";
        }
        var html = new StringBuilder(64 + entry.Text.Length).Append("<p class=\"collab-chat-text\">").AppendMessageText(entry.Text, members, myUserName);
        if (entry.EditedAt is { } edited)
        {
            html.Append("<span class=\"collab-chat-edited\"").AppendAttribute("title", edited.ToString("f", CultureInfo.CurrentCulture))
                .Append(" data-testid=\"edited\"> (edited)</span>");
        }
        return html.Append("</p>").ToString();
    }
}
