using System.Globalization;
using System.Text.Json;
using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabApp.Components.Documents;

/// <summary>
/// The shared document. The OT client runs in the browser (collab-editor.mjs); this component relays:
/// the browser's operations to <see cref="DocumentService.SubmitAsync"/> (the client keeps one in flight,
/// so they arrive in order), and the room's <c>operation</c> and <c>cursor</c> events to the browser, in
/// the order the room delivered them. Operations are also kept here for a while: after a circuit
/// reconnect (JS calls made while the browser was away are lost) they are delivered again, and the client
/// drops the ones it already has by revision; a real gap makes it ask for a resync (a fresh read).
/// </summary>
public sealed partial class DocumentEditor
{
    private const int KeptOperations = 1000;
    private readonly List<OperationCommitted> _recent = [];
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private ElementReference _textarea;
    private DotNetObjectReference<DocumentEditor>? _self;
    private BrowserModule _browser = default!;
    private DocumentState? _initial;
    private bool _attached;
    private bool _attaching;
    private bool _synced = true;
    private bool _canUndo;
    private bool _canRedo;
    private int _revision;

    [Inject]
    private CollabApp.Protection.CircuitActionLimiter Limiter { get; set; } = default!;

    [Inject]
    private DocumentService Documents { get; set; } = default!;

    [Inject]
    private CollabApp.Accounts.DisplayNames Names { get; set; } = default!;

    [Inject]
    private DocumentOptions DocumentLimits { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<DocumentEditor> Logger { get; set; } = default!;

    private string Status => string.Create(CultureInfo.InvariantCulture,
        $"Revision {_revision} · {(_synced ? "saved" : "syncing")} · {_present.Count} editing");

    private IJSObjectReference? Editor => _browser.Attached;

    protected override void OnInitialized()
    {
        _browser = new BrowserModule(JS, "./js/editor/collab-editor.mjs");
        Connection.SnapshotLoaded += OnSnapshotAsync;
        Connection.OperationReceived += OnOperationAsync;
        Connection.CursorMoved += OnCursorAsync;
        Connection.PresenceChanged += OnPresenceAsync;
        Connection.Restarted += RedeliverAsync;
        if (Connection.State is { } state)
        {
            TakeSnapshot(state);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        _self = DotNetObjectReference.Create(this);
        if (await _browser.LoadAsync())
        {
            await AttachIfReadyAsync();
        }
    }

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
        _synced = isSynced;
        _revision = revision;
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
        _recent.RemoveAll(o => o.Revision <= state.Revision);
        if (Editor is not null)
        {
            await Editor.InvokeVoidAsync("reset", state.Revision, state.Text);
            SendRecent(state.Revision);
        }
    }

    private void TakeSnapshot(RoomState state)
    {
        _present.Clear();
        _present.UnionWith(state.Online.Select(e => e.UserId));
        _recent.RemoveAll(o => o.Revision <= state.Document.Revision);
        if (_initial is null || state.Document.Revision >= _initial.Revision)
        {
            _initial = state.Document;
        }
    }

    private Task OnSnapshotAsync(RoomState state) => InvokeAsync(async () =>
    {
        var first = _initial is null;
        TakeSnapshot(state);
        if (Editor is not null && !first)
        {
            // Events were missed (the room connection started over): catch the browser up from where it is, so
            // unconfirmed typing survives; only when the log has moved on too far, reset it to the snapshot.
            if (!await CatchUpAsync(_revision) && Editor is { } editor)
            {
                await editor.InvokeVoidAsync("reset", state.Document.Revision, state.Document.Text);
                SendRecent(state.Document.Revision);
            }
        }
        else
        {
            _revision = state.Document.Revision;
            await AttachIfReadyAsync();
        }
        StateHasChanged();
    });

    private async Task AttachIfReadyAsync()
    {
        // Both the module import and the first snapshot lead here, in either order; attach once.
        if (!_browser.IsLoaded || _initial is null || Editor is not null || _attaching)
        {
            return;
        }
        _attaching = true;
        var editor = await _browser.AttachAsync("attach", _textarea, _self, new
        {
            revision = _initial.Revision,
            text = _initial.Text,
            userId = User.UserId,
            userName = User.UserName,
            roomId = Room.RoomId,
        });
        if (editor is null)
        {
            return;
        }
        _attached = true;
        SendRecent(_initial.Revision);
        StateHasChanged();
    }

    private Task OnOperationAsync(OperationCommitted operation) => InvokeAsync(() =>
    {
        _recent.Add(operation);
        if (_recent.Count > KeptOperations)
        {
            _recent.RemoveRange(0, _recent.Count - KeptOperations);
        }
        if (Editor is null)
        {
            _revision = Math.Max(_revision, operation.Revision);
            StateHasChanged();
            return;
        }
        Deliver(RoomEventFor("operation", operation));
    });

    // Carets are labelled with what people are called, not their user name.
    private Task OnCursorAsync(CursorMoved cursor) => InvokeAsync(async () =>
    {
        if (Editor is null || cursor.UserId == User.UserId)
        {
            return;
        }
        var displayName = await People.DisplayNameAsync(Names, cursor.UserId, cursor.UserName);
        if (Editor is not null)
        {
            Deliver(RoomEventFor("cursor", new { cursor.UserId, cursor.UserName, displayName, cursor.Revision, cursor.Anchor, cursor.Head }));
        }
    });

    private Task OnPresenceAsync(PresenceChange change) => InvokeAsync(() =>
    {
        if (change.Status == PresenceStatus.Offline)
        {
            _present.Remove(change.UserId);
            if (Editor is not null)
            {
                Deliver(new { type = "cursorGone", data = new { userId = change.UserId } });
            }
        }
        else
        {
            _present.Add(change.UserId);
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
        SendRecent(_revision);
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
            Logger.LogInformation(e, "Catching the editor up in {RoomId} failed; resetting it instead", Room.RoomId);
            return false;
        }
        if (missed is null)
        {
            return false;
        }
        DeliverOperations(missed);
        return true;
    }

    private void SendRecent(int after) => DeliverOperations([.. _recent.Where(o => o.Revision > after)]);

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
            Deliver(RoomEventFor("operation", operation));
        }
    }

    private static object RoomEventFor(string type, object data) => new { type, data };

    // Calls go out in the order they are made; their answers are not awaited, so a slow browser does
    // not hold up the room's other panels. A lost call is made good by the redelivery above.
    private void Deliver(object roomEvent)
    {
        var call = Editor!.InvokeVoidAsync("receive", roomEvent).AsTask();
        _ = call.ContinueWith(
            t => Logger.LogDebug(t.Exception, "Delivering to the editor failed"),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.OperationReceived -= OnOperationAsync;
        Connection.CursorMoved -= OnCursorAsync;
        Connection.PresenceChanged -= OnPresenceAsync;
        Connection.Restarted -= RedeliverAsync;
        await _disposing.CancelAsync();
        await _browser.DisposeAsync();
        _self?.Dispose();
        _disposing.Dispose();
    }
}
