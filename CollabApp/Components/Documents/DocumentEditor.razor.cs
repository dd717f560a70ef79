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
/// The browser's calls are in DocumentEditor.Browser.cs, the relay in DocumentEditor.Relay.cs; what they decide is
/// <see cref="RecentOperations"/>'s, <see cref="EditorStatus"/>'s and <see cref="EditorMessages"/>'s.
/// </summary>
public sealed partial class DocumentEditor
{
    private const string RedoButtonClass = ButtonClasses.SmallText + " mr-2";

    private readonly RecentOperations _recent = new();
    private readonly EditorStatus _status = new();
    private readonly CancellationTokenSource _disposing = new();
    private ElementReference _textarea;
    private DotNetObjectReference<DocumentEditor>? _self;
    private BrowserModule _browser = default!;
    private DocumentState? _initial;
    private bool _attached;
    private bool _attaching;
    private bool _canUndo;
    private bool _canRedo;

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

    private IJSObjectReference? Editor => _browser.Attached;

    protected override void OnInitialized()
    {
        _browser = new BrowserModule(JS, "./js/editor/collab-editor.mjs", _disposing.Token);
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

    private void TakeSnapshot(RoomState state)
    {
        _status.PresentAre(state.Online.Select(e => e.UserId));
        _recent.DropThrough(state.Document.Revision);
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
            if (!await CatchUpAsync(_status.Revision) && Editor is { } editor)
            {
                await editor.InvokeVoidAsync("reset", state.Document.Revision, state.Document.Text);
                SendRecent(state.Document.Revision);
            }
        }
        else
        {
            _status.Revision = state.Document.Revision;
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
        var editor = await _browser.AttachAsync("attach", _textarea, _self, EditorMessages.Attach(_initial, User, Room.RoomId));
        if (editor is null)
        {
            return;
        }
        _attached = true;
        SendRecent(_initial.Revision);
        StateHasChanged();
    }


    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.OperationReceived -= OnOperationAsync;
        Connection.CursorMoved -= OnCursorAsync;
        Connection.PresenceChanged -= OnPresenceAsync;
        Connection.Restarted -= RedeliverAsync;
        // Cancelling first tells the browser module too (it is gone from then on, before anything here waits).
        await _disposing.CancelAsync();
        await _browser.DisposeAsync();
        _self?.Dispose();
        _disposing.Dispose();
    }
}
