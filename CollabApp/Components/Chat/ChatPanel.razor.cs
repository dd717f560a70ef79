using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core.Chat;
using CollabApp.Core.Presence;
using CollabApp.Core.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CollabApp.Components.Chat;

/// <summary>
/// The room's chat. What it shows and decides lives in plain classes: <see cref="ChatTimeline"/> (the messages),
/// <see cref="ChatOutbox"/> (ours on their way), <see cref="MessageEditor"/>, <see cref="TypingIndicator"/>,
/// <see cref="ChatScroll"/> and <see cref="ReadTracker"/>; this component wires them to the room and the browser.
/// </summary>
public sealed partial class ChatPanel
{
    public const int PageSize = 50;

    /// <summary>How long the newest messages stay on screen before they count as read (also: at most one write per this).</summary>
    public static readonly TimeSpan ReadAfter = TimeSpan.FromSeconds(1);

    private const string SendButtonClass = ButtonClasses.FilledPrimary + " ml-2";

    private readonly ChatTimeline _timeline = new();
    private readonly ChatScroll _scroll = new();
    private readonly CancellationTokenSource _disposing = new();
    private DotNetObjectReference<ChatPanel>? _self;
    private BrowserModule _browser = default!;
    private ChatDraft _kept = default!;
    private ChatOutbox _outbox = default!;
    private MessageEditor _editor = default!;
    private TypingIndicator _typing = default!;
    private TypingThrottle _typingSent = default!;
    private ElementReference _log;
    private ElementReference _compose;
    private ITimer? _readTimer;
    private ReadTracker _reads = default!;
    private NameLookups _names = default!;
    private bool _visible;
    private bool _readScheduled;
    private string _draft = "";
    private bool _loadingOlder;

    [Inject]
    private CircuitConnectionEvents Circuit { get; set; } = default!;

    [Inject]
    private CollabApp.Protection.CircuitActionLimiter Limiter { get; set; } = default!;

    [Inject]
    private ChatService Chat { get; set; } = default!;

    [Inject]
    private ReadMarkerService Reads { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<ChatPanel> Logger { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized()
    {
        _browser = new BrowserModule(JS, "./js/chat/chat-scroll.mjs", _disposing.Token);
        _kept = new ChatDraft(JS, _disposing.Token);
        _outbox = new ChatOutbox(_timeline, User, Room.RoomId, Time, (id, text) => Act(t => Chat.SendAsync(User, Room.RoomId, id, text, t)), Logger);
        _editor = new MessageEditor(_timeline, User, Room.RoomId,
            (id, text) => Act(t => Chat.EditAsync(User, Room.RoomId, id, text, t)),
            id => Act(t => Chat.DeleteAsync(User, Room.RoomId, id, t)),
            Logger);
        _typing = new TypingIndicator(Time, () => _ = InvokeAsync(() =>
        {
            _typing.Expire();
            StateHasChanged();
        }));
        _typingSent = new TypingThrottle(Time);
        Connection.SnapshotLoaded += OnSnapshotAsync;
        Connection.MessageReceived += OnMessageAsync;
        Connection.MessageChanged += OnMessageChangedAsync;
        Connection.TypingReceived += OnTypingAsync;
        Circuit.Disconnected += OnBrowserGoneAsync;
        Circuit.Reconnected += OnBrowserBackAsync;
        _reads = new ReadTracker(User.UserId);
        _names = new NameLookups(Names, () => InvokeAsync(StateHasChanged));
        if (Connection.State is { } state)
        {
            _timeline.Load(state.Messages, RoomSessions.SnapshotMessages);
        }
    }

    // Every action of the person is counted against the circuit's limit first (a refusal is rate-limited).
    private Task<T> Act<T>(Func<CancellationToken, Task<T>> call)
    {
        Limiter.Require();
        return call(_disposing.Token);
    }

    private Task OnSnapshotAsync(RoomState state) => InvokeAsync(() =>
    {
        _timeline.Load(state.Messages, RoomSessions.SnapshotMessages);
        ScheduleRead();
        StateHasChanged();
    });

    private Task OnMessageChangedAsync(MessageChange change) => InvokeAsync(() =>
    {
        if (_timeline.Apply(change))
        {
            if (change.Kind == MessageChange.Deleted)
            {
                _editor.Deleted(change.Message.Id);
            }
            StateHasChanged();
        }
    });

    private Task OnMessageAsync(ChatMessage message) => InvokeAsync(() =>
    {
        if (!_timeline.Add(message))
        {
            return;
        }
        ScheduleRead();
        _typing.Stopped(message.UserId);
        _scroll.MessageAdded(mine: message.UserId == User.UserId);
        StateHasChanged();
    });

    private Task OnTypingAsync(TypingNotice notice) => InvokeAsync(async () =>
    {
        if (notice.UserId == User.UserId)
        {
            return;
        }
        _typing.Typing(notice.UserId, await People.DisplayNameAsync(Names, notice.UserId, notice.UserName));
        StateHasChanged();
    });

    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.MessageReceived -= OnMessageAsync;
        Connection.MessageChanged -= OnMessageChangedAsync;
        Connection.TypingReceived -= OnTypingAsync;
        Circuit.Disconnected -= OnBrowserGoneAsync;
        Circuit.Reconnected -= OnBrowserBackAsync;
        // Cancelling first tells both browser modules (they are gone from then on), before the first release's round
        // trip to the browser: the draft module, told only at its own release, was used on the removed compose box.
        await _disposing.CancelAsync();
        _typing?.Dispose();
        _readTimer?.Dispose();
        await _browser.DisposeAsync();
        await _kept.DisposeAsync();
        _self?.Dispose();
        _disposing.Dispose();
    }
}
