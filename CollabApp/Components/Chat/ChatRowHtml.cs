using System.Globalization;
using System.Text;
using CollabApp.Components.Shared;

namespace CollabApp.Components.Chat;

/// <summary>
/// A chat row as markup text: the article with the avatar, the line above the text (sender, time, "sending…") and the
/// body (the text, the buttons). A row is then one markup frame where it was about thirty
/// element, attribute and text frames, held twice by each circuit (the current and the previous render tree; issue 13).
/// The row's text does not change as the message ages: the time is the instant, and the browser writes "5 min ago"
/// (wwwroot/js/shared/relative-time.mjs). Every value from the message or the person is encoded (<see cref="HtmlText"/>).
/// </summary>
public static class ChatRowHtml
{
    // A valid HTML datetime and ECMAScript date: milliseconds at most, in UTC ("O" writes seven digits and an offset).
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The whole row of a message that is not being edited.</summary>
    /// <param name="avatar">The sender's avatar (<see cref="Avatars.Html"/>).</param>
    /// <param name="shownName">The sender's display name as this viewer knows it; the title keeps their user name.</param>
    /// <param name="text">The message's text (<see cref="Text"/>).</param>
    /// <param name="canChange">The viewer may edit and delete it (<see cref="MessageEditor.CanChange"/>).</param>
    public static string Row(ChatEntry entry, string avatar, string shownName, string text, bool canChange) =>
        new StringBuilder(avatar.Length + text.Length + 1536).Append(ArticleStart(entry)).Append(avatar).Append(Meta(entry, shownName))
            .Append(Body(entry, text, canChange)).Append("</article>").ToString();

    // What the log's styles and tests find a row by, and whether it is still on its way (the row being edited is the
    // same article, as elements: ChatPanel.razor).
    private static string ArticleStart(ChatEntry entry) => entry.IsPending
        ? "<article class=\"collab-chat-message\" data-testid=\"chat-message\" data-pending=\"true\">"
        : "<article class=\"collab-chat-message\" data-testid=\"chat-message\" data-pending=\"false\">";

    /// <summary>
    /// The sender and the time: a <c>time data-relative</c> whose text the browser keeps relative; the server writes
    /// the date and the time in UTC, what a page without its script shows.
    /// </summary>
    public static string Meta(ChatEntry entry, string shownName)
    {
        var html = new StringBuilder(256).Append("<div class=\"collab-chat-meta\"><span class=\"collab-chat-sender\"><span")
            .AppendAttribute("title", entry.UserName).Append('>').AppendEncoded(shownName).Append("</span></span><time data-relative")
            .AppendAttribute("datetime", entry.SentAt.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture))
            .AppendAttribute("title", entry.SentAt.ToString("f", CultureInfo.CurrentCulture)).Append('>')
            .AppendEncoded(entry.SentAt.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time>");
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
    /// the log receives (<see cref="EventHandlers"/>).
    /// </summary>
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
