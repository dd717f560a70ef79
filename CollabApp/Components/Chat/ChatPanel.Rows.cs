using CollabApp.Components.Shared;

namespace CollabApp.Components.Chat;

/// <summary>
/// The rows' buttons, received by the log (<see cref="EventHandlers"/>). The row and the button come from the browser,
/// so each is checked as if the button were not there: Edit and Delete only on a message this viewer may change, Retry
/// only on one that was not sent; anything else changes nothing.
/// </summary>
public sealed partial class ChatPanel
{
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
