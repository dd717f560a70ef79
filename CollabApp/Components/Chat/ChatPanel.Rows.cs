using CollabApp.Components.Shared;
using Microsoft.AspNetCore.Components.Rendering;

namespace CollabApp.Components.Chat;

/// <summary>
/// The log's rows and their buttons. A row is one markup frame (<see cref="ChatRowHtml"/>, shared through
/// <see cref="SharedMarkup"/>) with no key: a keyed row needs an element of its own and the renderer a dictionary of the
/// keys at each diff (issue 13). Rows are diffed by place: messages come at the end, so rows keep their places, and a
/// row's text does not change as the message ages (the browser keeps its time relative). Where places do shift (an
/// older page loaded above, a confirmed message placed before one's pending ones) the rows after it whose text differs
/// are replaced. The buttons' clicks reach the log's one handler (<see cref="EventHandlers"/>); the row and the button
/// come from the browser, so each is checked as if the button were not there: Edit and Delete only on a message this
/// viewer may change, Retry only on one that was not sent; anything else changes nothing.
/// </summary>
public sealed partial class ChatPanel
{
    private const string UnreadSeparator =
        "<div class=\"collab-chat-unread\" role=\"separator\" aria-label=\"New messages\" data-testid=\"unread-separator\">New messages</div>";

    // Sequence numbers by hand: a row's markup and, while it is edited, its editor are both number 1, so opening and
    // closing the editor replaces that row alone. (Razor numbers the two branches apart, and the diff then took the
    // editor for an inserted row and compared every row below it with its neighbour, replacing them all.)
    private void BuildRows(RenderTreeBuilder builder)
    {
        // The timeline makes its entries as they are read: once per render, not once for the separator and again here.
        var entries = _timeline.Entries.ToList();
        var separatorBefore = _reads.SeparatorBeforeKey(entries);
        var members = Members;
        foreach (var entry in entries)
        {
            if (entry.Key == separatorBefore)
            {
                builder.AddMarkupContent(0, UnreadSeparator);
            }
            if (!entry.Deleted && _editor.EditingKey == entry.Key)
            {
                builder.AddContent(1, EditRow(entry));
            }
            else
            {
                builder.AddMarkupContent(1, Markup.Share(ChatRowHtml.Row(entry, Avatars.Html(entry.UserId, Names.Known(entry.UserId) ?? entry.UserName),
                    _names.Of(entry.UserId, entry.UserName), ChatRowHtml.Text(entry, members, User.UserName), _editor.CanChange(entry))));
            }
        }
    }

    private Task OnRowClickAsync(RowEventArgs e)
    {
        if (e.Row is null || _timeline.Entries.FirstOrDefault(entry => entry.Key == e.Row) is not { } entry)
        {
            return Task.CompletedTask;
        }
        switch (e.Action)
        {
            case ChatRowHtml.Actions.Edit when _editor.CanChange(entry):
                _editor.Start(entry);
                return Task.CompletedTask;
            case ChatRowHtml.Actions.Delete when _editor.CanChange(entry):
                return DeleteMessageAsync(entry);
            case ChatRowHtml.Actions.Retry when entry.State == ChatEntryState.Failed:
                return RetryAsync(entry.ClientMessageId);
            default:
                return Task.CompletedTask;
        }
    }
}
