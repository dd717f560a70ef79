using CollabApp.Components.Shared;
using CollabApp.Core;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using Microsoft.JSInterop;

namespace CollabApp.Components.Documents;

/// <summary>
/// The room's operations, cursors and presence relayed to the browser in the room's order (<see cref="EditorMessages"/>),
/// kept for redelivery after a reconnect (<see cref="RecentOperations"/>), and catching up from the document log.
/// </summary>
public sealed partial class DocumentEditor
{
    private Task OnOperationAsync(OperationCommitted operation) => InvokeAsync(() =>
    {
        _recent.Add(operation);
        if (Editor is null)
        {
            _status.Revision = Math.Max(_status.Revision, operation.Revision);
            StateHasChanged();
            return;
        }
        Deliver(EditorMessages.Operation(operation));
    });

    private Task OnCursorAsync(CursorMoved cursor) => InvokeAsync(async () =>
    {
        if (Editor is null || cursor.UserId == User.UserId)
        {
            return;
        }
        var displayName = await People.DisplayNameAsync(Names, cursor.UserId, cursor.UserName);
        if (Editor is not null)
        {
            Deliver(EditorMessages.Cursor(cursor, displayName));
        }
    });

    private Task OnPresenceAsync(PresenceChange change) => InvokeAsync(() =>
    {
        if (change.Status == PresenceStatus.Offline)
        {
            _status.Left(change.UserId);
            if (Editor is not null)
            {
                Deliver(EditorMessages.CursorGone(change.UserId));
            }
        }
        else
        {
            _status.Joined(change.UserId);
        }
        StateHasChanged();
    });

    // After a reconnect: the unconfirmed op goes again (same client op id, so at most once), and the
    // operations the browser may have missed are delivered again.
    private Task RedeliverAsync() => InvokeAsync(async () =>
    {
        if (Editor is not { } editor)
        {
            return;
        }
        SendRecent(_status.Revision);
        await editor.InvokeVoidAsync("resend");
    });

    // False when the document log no longer holds every operation after the revision, or cannot be read now: the
    // caller then resets the browser to a text it already has or reads afresh.
    private async Task<bool> CatchUpAsync(int revision)
    {
        IReadOnlyList<OperationCommitted>? missed;
        try
        {
            missed = await Documents.ReadAfterAsync(User, Room.RoomId, revision, _disposing.Token);
        }
        catch (CollabError e) when (e.Code == CollabErrorCode.Unavailable)
        {
            LogCatchUpFailed(Logger, e, Room.RoomId);
            return false;
        }
        if (missed is null)
        {
            return false;
        }
        DeliverOperations(missed);
        return true;
    }

    private void SendRecent(int after) => DeliverOperations(_recent.After(after));

    // In order, answers not awaited (see Deliver): a catch-up of thousands of operations is one pass, not a browser
    // round trip per operation.
    private void DeliverOperations(IEnumerable<OperationCommitted> operations)
    {
        if (Editor is null)
        {
            return;
        }
        foreach (var operation in operations)
        {
            Deliver(EditorMessages.Operation(operation));
        }
    }

    // Calls go out in the order they are made; their answers are not awaited, so a slow browser does
    // not hold up the room's other panels. A lost call is made good by the redelivery above.
    private void Deliver(System.Text.Json.JsonElement roomEvent)
    {
        var call = Editor!.InvokeVoidAsync("receive", roomEvent).AsTask();
        _ = call.ContinueWith(
            t => LogDeliveryFailed(Logger, t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 3801, Level = LogLevel.Information, Message = "Catching the editor up in {RoomId} failed; resetting it instead")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3802, Level = LogLevel.Debug, Message = "Delivering to the editor failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception? exception);
}
