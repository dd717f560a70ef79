using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace CollabApp.Components.Chat;

public sealed partial class ChatPanel
{
    public const int PageSize = 50;
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan TypingSendEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(30);

    /// <summary>How long the newest messages stay on screen before they count as read (also: at most one write per this).</summary>
    public static readonly TimeSpan ReadAfter = TimeSpan.FromSeconds(1);

    private readonly ChatTimeline _timeline = new();
    private readonly Dictionary<string, (string Name, DateTimeOffset Until)> _typing = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private DotNetObjectReference<ChatPanel>? _self;
    private BrowserModule _browser = default!;
    private ChatDraft _kept = default!;
    private ElementReference _log;
    private ElementReference _compose;
    private MudTextField<string>? _input;
    private ITimer? _typingTimer;
    private ITimer? _clock;
    private ITimer? _readTimer;
    private ReadTracker _reads = default!;
    private bool _visible;
    private bool _readScheduled;
    private string? _editingKey;
    private string _editText = "";
    private string? _editError;
    private string _draft = "";
    private DateTimeOffset _lastTypingSent = DateTimeOffset.MinValue;
    private bool _atBottom = true;
    private bool _newBelow;
    private bool _scrollToBottom;
    private bool _restorePosition;
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

    private string? TypingLine
    {
        get
        {
            var now = Time.GetUtcNow();
            var names = _typing.Values.Where(t => t.Until > now).Select(t => t.Name).Order(StringComparer.CurrentCultureIgnoreCase).ToList();
            return names.Count switch
            {
                0 => null,
                1 => $"{names[0]} is typing…",
                2 => $"{names[0]} and {names[1]} are typing…",
                _ => "Several people are typing…",
            };
        }
    }

    protected override void OnInitialized()
    {
        _browser = new BrowserModule(JS, "./js/chat/chat-scroll.mjs");
        _kept = new ChatDraft(JS);
        Connection.SnapshotLoaded += OnSnapshotAsync;
        Connection.MessageReceived += OnMessageAsync;
        Connection.MessageChanged += OnMessageChangedAsync;
        Connection.TypingReceived += OnTypingAsync;
        Circuit.Disconnected += OnBrowserGoneAsync;
        Circuit.Reconnected += OnBrowserBackAsync;
        _reads = new ReadTracker(User.UserId);
        if (Connection.State is { } state)
        {
            _timeline.Load(state.Messages, RoomSessions.SnapshotMessages);
        }
        _clock = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, ClockTick, ClockTick);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            if (await _browser.LoadAsync())
            {
                await _browser.AttachAsync("observe", _log, _self);
            }
            _scrollToBottom = true;
            if (await _kept.KeepAsync(_compose, Room.RoomId) is { Length: > 0 } saved && _draft.Length == 0)
            {
                _draft = saved;
                StateHasChanged();
            }
            await LoadReadMarkerAsync();
        }
        if (_browser.Attached is not { } scroll)
        {
            return;
        }
        if (_restorePosition)
        {
            _restorePosition = false;
            await scroll.InvokeVoidAsync("restorePosition");
        }
        if (_scrollToBottom)
        {
            _scrollToBottom = false;
            await scroll.InvokeVoidAsync("scrollToBottom");
        }
    }

    [JSInvokable]
    public Task ScrolledToBottom(bool atBottom)
    {
        _atBottom = atBottom;
        if (atBottom)
        {
            _newBelow = false;
        }
        ScheduleRead();
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>The browser tab became visible or hidden: only what is on a visible screen is read.</summary>
    [JSInvokable]
    public Task VisibilityChanged(bool visible)
    {
        _visible = visible;
        ScheduleRead();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task LoadOlder() => LoadOlderAsync();

    private async Task LoadOlderAsync()
    {
        if (_loadingOlder || !_timeline.HasOlder)
        {
            return;
        }
        _loadingOlder = true;
        try
        {
            if (_browser.Attached is { } scroll)
            {
                await scroll.InvokeVoidAsync("keepPosition");
            }
            Limiter.Require();
            var page = await Chat.GetMessagesAsync(User, Room.RoomId, _timeline.OldestId, PageSize, _disposing.Token);
            _timeline.AddOlder(page, PageSize);
            _restorePosition = true;
        }
        catch (CollabError e)
        {
            Logger.LogInformation("Loading older messages in {RoomId} was refused: {Reason}", Room.RoomId, e.Message);
        }
        finally
        {
            _loadingOlder = false;
        }
        StateHasChanged();
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
            if (change.Kind == MessageChange.Deleted && _editingKey == change.Message.Id)
            {
                _editingKey = null;
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
        _typing.Remove(message.UserId);
        if (_atBottom || message.UserId == User.UserId)
        {
            _scrollToBottom = true;
        }
        else
        {
            _newBelow = true;
        }
        StateHasChanged();
    });

    private Task OnTypingAsync(TypingNotice notice) => InvokeAsync(async () =>
    {
        if (notice.UserId == User.UserId)
        {
            return;
        }
        var name = await People.DisplayNameAsync(Names, notice.UserId, notice.UserName);
        _typing[notice.UserId] = (name, Time.GetUtcNow() + TypingShownFor);
        ArmTypingTimer();
        StateHasChanged();
    });

    // One timer for all typists: it fires when the earliest notice runs out, drops what has expired
    // and re-arms for the next one.
    private void ArmTypingTimer()
    {
        var now = Time.GetUtcNow();
        foreach (var gone in _typing.Where(t => t.Value.Until <= now).Select(t => t.Key).ToList())
        {
            _typing.Remove(gone);
        }
        if (_typing.Count == 0)
        {
            return;
        }
        var due = _typing.Values.Min(t => t.Until) - now;
        _typingTimer ??= Time.CreateTimer(_ => _ = InvokeAsync(() =>
        {
            ArmTypingTimer();
            StateHasChanged();
        }), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _typingTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task OnDraftChangedAsync(string? value)
    {
        _draft = value ?? "";
        var now = Time.GetUtcNow();
        if (_draft.Trim().Length == 0 || now - _lastTypingSent < TypingSendEvery)
        {
            return;
        }
        _lastTypingSent = now;
        try
        {
            Limiter.Require();
            await Chat.TypingAsync(User, Room.RoomId, _disposing.Token);
        }
        catch (CollabError e)
        {
            Logger.LogInformation("Typing notice in {RoomId} was refused: {Reason}", Room.RoomId, e.Message);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.ShiftKey && !e.IsComposing)
        {
            await SendAsync();
        }
    }

    private async Task SendAsync()
    {
        var text = _draft.Trim();
        if (text.Length == 0)
        {
            return;
        }
        _draft = "";
        if (_input is not null)
        {
            await _input.ClearAsync();
        }
        await _kept.ClearAsync();
        var clientMessageId = Guid.NewGuid().ToString();
        _timeline.AddPending(clientMessageId, User, text, Time.GetUtcNow());
        _scrollToBottom = true;
        StateHasChanged();
        await DeliverAsync(clientMessageId, text);
    }

    private async Task RetryAsync(string clientMessageId)
    {
        if (_timeline.FindLocal(clientMessageId) is not { } entry)
        {
            return;
        }
        _timeline.MarkSending(clientMessageId);
        StateHasChanged();
        await DeliverAsync(clientMessageId, entry.Text);
    }

    // The same client message id on every attempt: a retry of a send that did reach the server
    // returns the first message instead of posting it twice.
    private async Task DeliverAsync(string clientMessageId, string text)
    {
        try
        {
            Limiter.Require();
            var message = await Chat.SendAsync(User, Room.RoomId, clientMessageId, text, _disposing.Token);
            _timeline.Add(message);
        }
        catch (CollabError e)
        {
            _timeline.MarkFailed(clientMessageId, Explain(e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Sending a message in {RoomId} failed", Room.RoomId);
            _timeline.MarkFailed(clientMessageId, "the server could not be reached.");
        }
        StateHasChanged();
    }

    private async Task JumpToNewestAsync()
    {
        _newBelow = false;
        _scrollToBottom = true;
        StateHasChanged();
        await Task.CompletedTask;
    }

    private static string Explain(CollabError error) => error.Code switch
    {
        CollabErrorCode.RateLimited => "you are sending very fast; slow down a moment, then retry.",
        CollabErrorCode.Unavailable => "the server is busy. Retry in a moment.",
        CollabErrorCode.Forbidden => "you no longer have access to this room.",
        _ => error.Message,
    };

    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.MessageReceived -= OnMessageAsync;
        Connection.MessageChanged -= OnMessageChangedAsync;
        Connection.TypingReceived -= OnTypingAsync;
        Circuit.Disconnected -= OnBrowserGoneAsync;
        Circuit.Reconnected -= OnBrowserBackAsync;
        await _disposing.CancelAsync();
        _typingTimer?.Dispose();
        _readTimer?.Dispose();
        _clock?.Dispose();
        await _browser.DisposeAsync();
        await _kept.DisposeAsync();
        _self?.Dispose();
        _disposing.Dispose();
    }
}
