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

    private async Task RevertAsync(string step)
    {
        if (Editor is { } editor)
        {
            await editor.InvokeAsync<bool>(step, _disposing.Token);
        }
    }

    /// <summary>
    /// The client saw a hole in the revisions after <paramref name="revision"/> (or a reloaded page restored its kept
    /// typing at that revision): it gets the operations it missed (its unconfirmed typing is transformed over them as
    /// usual), or a reset when the log no longer has them. When the log cannot be read just now the call fails with
    /// <c>unavailable</c> and the client asks again later: a reset would throw its unconfirmed typing away.
    /// </summary>
    [JSInvokable]
    public async Task RequestCatchUp(int revision)
    {
        Limiter.Require();
        var missed = await Documents.ReadAfterAsync(User, Room.RoomId, revision, _disposing.Token);
        if (missed is null)
        {
            await RequestResync();
            return;
        }
        DeliverOperations(missed);
    }

    /// <summary>The client's op was refused, or a catch-up was impossible: read the document afresh and reset it.</summary>
    [JSInvokable]
    public async Task RequestResync()
    {
        Limiter.Require();
        var state = await Documents.OpenAsync(User, Room.RoomId, _disposing.Token);
        _recent.DropThrough(state.Revision);
        if (Editor is not null)
        {
            await Editor.InvokeVoidAsync("reset", state.Revision, state.Text);
            SendRecent(state.Revision);
        }
    }
}
