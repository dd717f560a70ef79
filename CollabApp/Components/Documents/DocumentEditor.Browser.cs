using System.Text.Json;
using CollabApp.Core;
using CollabApp.Core.Documents;
using Microsoft.JSInterop;

namespace CollabApp.Components.Documents;

/// <summary>What the browser's OT client (collab-editor.mjs) calls: its operations, cursors, state, catch-up and resync.</summary>
public sealed partial class DocumentEditor
{
    /// <summary>
    /// The browser's next operation, based on <paramref name="revision"/>. Answers "retry" when nothing was
    /// committed for a passing reason (too fast, a store briefly unreachable): the client sends the same op
    /// again later. Throws on a real refusal (an invalid op): the client then resyncs.
    /// </summary>
    [JSInvokable]
    public async Task<string> SubmitOperation(int revision, JsonElement op, string clientOpId)
    {
        // Counted before parsing, like a hub call: a refused submission costs no work proportional to its size.
        if (!Limiter.TryAcquire())
        {
            return "retry";
        }
        var operation = TextOperation.ParseSubmitted(op, DocumentLimits);
        try
        {
            await Documents.SubmitAsync(User, Room.RoomId, revision, operation, clientOpId, _disposing.Token);
            return "ok";
        }
        catch (CollabError e) when (e.Code is CollabErrorCode.RateLimited or CollabErrorCode.Unavailable)
        {
            return "retry";
        }
    }

    [JSInvokable]
    public async Task UpdateCursor(int revision, int anchor, int head)
    {
        // A refused cursor is dropped: the next selection change sends a newer one.
        if (!Limiter.TryAcquire())
        {
            return;
        }
        try
        {
            await Documents.UpdateCursorAsync(User, Room.RoomId, revision, anchor, head, _disposing.Token);
        }
        catch (CollabError)
        {
            // A cursor at a revision the server just moved past, or similar: the next one will do.
        }
    }

    [JSInvokable]
    public Task SyncStateChanged(bool isSynced, int revision)
    {
        _status.Synced = isSynced;
        _status.Revision = revision;
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task UndoStateChanged(bool canUndo, bool canRedo)
    {
        _canUndo = canUndo;
        _canRedo = canRedo;
        StateHasChanged();
        return Task.CompletedTask;
    }

    private Task UndoAsync() => RevertAsync("undo");

    private Task RedoAsync() => RevertAsync("redo");

    // A click the browser cannot carry out (the page torn down, the connection gone) changes nothing; thrown out of the
    // click's handler, its error would end the circuit.
    private async Task RevertAsync(string step)
    {
        if (Editor is not { } editor)
        {
            return;
        }
        try
        {
            await editor.InvokeAsync<bool>(step, _disposing.Token);
        }
        catch (JSException e)
        {
            // The browser's undo history itself failed: a fault of ours, not of the connection.
            LogRevertBroke(Logger, e, step, Room.RoomId);
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            LogRevertFailed(Logger, e, step, Room.RoomId);
        }
    }

    /// <summary>
    /// The client saw a hole in the revisions after <paramref name="revision"/> (or a reloaded page restored its kept
    /// typing at that revision): it gets the operations it missed (its unconfirmed typing is transformed over them as
    /// usual), or a reset when the log no longer has them. When the log cannot be read just now the call fails with
    /// <c>unavailable</c> and the client asks again later: a reset would throw its unconfirmed typing away.
    /// </summary>
    /// <remarks>
    /// The answer goes back to the caller instead of through the attached editor: a reloaded page asks from inside its
    /// attach, before this component holds the editor's reference, and what was pushed then was lost (issue 10).
    /// </remarks>
    [JSInvokable]
    public async Task<EditorCatchUp> RequestCatchUp(int revision)
    {
        Limiter.Require();
        var missed = await Documents.ReadAfterAsync(User, Room.RoomId, revision, _disposing.Token);
        return missed is null ? await ReadAfreshAsync() : new EditorCatchUp(null, missed);
    }

    /// <summary>The client's op was refused, or a catch-up was impossible: it is answered with the document afresh.</summary>
    [JSInvokable]
    public async Task<EditorCatchUp> RequestResync()
    {
        Limiter.Require();
        return await ReadAfreshAsync();
    }

    // The current text, and the operations already received live after it (the browser drops repeats by revision).
    private async Task<EditorCatchUp> ReadAfreshAsync()
    {
        var state = await Documents.OpenAsync(User, Room.RoomId, _disposing.Token);
        _recent.DropThrough(state.Revision);
        return new EditorCatchUp(new EditorReset(state.Revision, state.Text), _recent.After(state.Revision));
    }

    [LoggerMessage(EventId = 3803, Level = LogLevel.Information, Message = "The editor's {Step} in {RoomId} could not be carried out")]
    private static partial void LogRevertFailed(ILogger logger, Exception exception, string step, string roomId);

    [LoggerMessage(EventId = 3804, Level = LogLevel.Warning, Message = "The editor's {Step} in {RoomId} failed in the browser")]
    private static partial void LogRevertBroke(ILogger logger, Exception exception, string step, string roomId);
}
