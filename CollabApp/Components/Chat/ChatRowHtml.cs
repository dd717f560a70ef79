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

    /// <summary>The <c>data-action</c> of each control in a row, as the chat log's handler reads them.</summary>
    public static class Actions
    {
        public const string Edit = "edit";
        public const string Delete = "delete";
        public const string Retry = "retry";
    }

    /// <summary>
    /// The body of a row that is not being edited: <paramref name="text"/>, the Edit and Delete buttons of one's own
    /// message, the "Not sent" line with Retry. It carries the row's key (<c>data-row</c>) for its buttons, whose clicks
    /// the log receives (<see cref="EventHandlers"/>). The avatar and <see cref="Meta"/> are markup of their own, so the
    /// time's changes leave the body alone.
    /// </summary>
    /// <param name="canChange">The viewer may edit and delete it (<see cref="MessageEditor.CanChange"/>).</param>
    public static string Body(ChatEntry entry, string text, bool canChange)
    {
        var html = new StringBuilder(text.Length + 1024).Append("<div class=\"collab-chat-body\"").AppendAttribute("data-row", entry.Key)
            .Append('>').Append(text);
        if (canChange)
        {
            html.Append("<div class=\"collab-chat-actions\">");
            html.AppendSmallIconButton(Actions.Edit, "Edit message", IconSprite.EditOutlined, titled: true);
            html.AppendSmallIconButton(Actions.Delete, "Delete message", IconSprite.DeleteOutlined, titled: true);
            html.Append("</div>");
        }
        if (entry.State == ChatEntryState.Failed)
        {
            html.Append("<div class=\"collab-chat-failed\" role=\"alert\"><span>Not sent: ").AppendEncoded(entry.Error ?? "")
                .Append("</span><button type=\"button\"").AppendAttribute("class", ButtonClasses.SmallTextError)
                .AppendAttribute("data-action", Actions.Retry).Append("><span class=\"mud-button-label\">Retry</span></button></div>");
        }
        return html.Append("</div>").ToString();
    }
}
