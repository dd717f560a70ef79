using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using CollabApp.Presence;

namespace CollabApp.Components.Rooms;

/// <summary>
/// One room page's live link to its room, the circuit's counterpart of a hub connection: it marks the
/// user present (one presence connection per page instance, so two tabs count as two devices),
/// subscribes through the same <see cref="RoomFanout"/> as hub clients (so both audiences see one
/// order), starts from a snapshot, then pumps the events to the panels in order, one at a time.
/// It remembers the last durable event id it handed out. When the queue overflows (resync) or the
/// circuit reconnects, it subscribes again and restarts from that id: a replay when the log still has
/// everything after it (panels just see more events), else a new snapshot (<see cref="SnapshotLoaded"/>).
/// Panels recognise what they already have (message ids, to-do versions, revisions), so neither path
/// duplicates or skips anything. Handlers run on the pump's thread: components marshal with InvokeAsync.
/// A store outage is not the end of the page: joining (first or again) is retried every two seconds while
/// <see cref="IsLive"/> says false, and the panels keep what the user did meanwhile.
/// When the user's right to the room ends (removed from its members, or the room deleted), the page hears that event
/// (<see cref="AccessEnded"/>) and nothing after it: the connection leaves the room on its own.
/// </summary>
public sealed partial class RoomConnection(
    RoomFanout fanout,
    RoomSessions sessions,
    PresenceService presence,
    BackplaneStatus backplane,
    PresentJoins joins,
    RoomAccess access,
    TimeProvider time,
    ILogger<RoomConnection> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private RoomInfo? _room;
    private CollabUser? _user;
    private PresenceConnection? _presence;
    private RoomSubscription? _subscription;
    private CancellationTokenSource? _cycle;
    private Task _pump = Task.CompletedTask;
    private int _disposed;
    private bool _joined;
    private bool _present;
    private bool _reportedLive;

    // This tab's own status, kept across a suspend so a tab that was idle comes back away, not online.
    private volatile bool _away;
    private volatile bool _left;

    public event Func<RoomState, Task>? SnapshotLoaded;
    public event Func<Task>? Restarted;
    public event Func<ChatMessage, Task>? MessageReceived;
    public event Func<MessageChange, Task>? MessageChanged;
    public event Func<TodoChange, Task>? TodoChanged;
    public event Func<OperationCommitted, Task>? OperationReceived;
    public event Func<PresenceChange, Task>? PresenceChanged;
    public event Func<TypingNotice, Task>? TypingReceived;
    public event Func<CursorMoved, Task>? CursorMoved;
    public event Func<MemberChange, Task>? MembersChanged;
    public event Func<RoomRenamed, Task>? RoomRenamed;

    /// <summary>The user may no longer enter the room (the event says why: <c>memberRemoved</c> or <c>roomDeleted</c>); the connection has left it.</summary>
    public event Func<RoomEvent, Task>? AccessEnded;

    /// <summary>Raised when <see cref="IsLive"/> changes (on any thread).</summary>
    public event Func<Task>? LiveChanged;

    /// <summary>
    /// Joined, and this instance hears the other instances: what the panels show is current. False while a join
    /// is being retried after an outage and while the backplane is down (the page says it is reconnecting).
    /// </summary>
    public bool IsLive => Volatile.Read(ref _joined) && backplane.IsUp;

    /// <summary>The newest snapshot (null until started).</summary>
    public RoomState? State { get; private set; }

    /// <summary>The newest durable event the panels have been given.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>This page's presence connection id ("circuit-…").</summary>
    public string ConnectionId { get; } = "circuit-" + Guid.NewGuid().ToString("N");

    public bool IsStarted => _room is not null;

    /// <summary>
    /// Joins and starts the pump; panels must have subscribed to the events before. Throws only when the room
    /// refuses the user (a <see cref="Core.CollabError"/> other than unavailable); when a store is down it returns
    /// with <see cref="IsLive"/> false and keeps trying.
    /// </summary>
    public async Task StartAsync(RoomInfo room, CollabUser user, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_room is not null)
        {
            throw new InvalidOperationException("The room connection is already started.");
        }
        _room = room;
        _user = user;
        _presence = new PresenceConnection(ConnectionId, user.UserId, user.UserName);
        backplane.Changed += OnBackplaneChanged;
        try
        {
            await EnterAsync(cancellationToken);
        }
        catch (Exception e) when (IsOutage(e))
        {
            LogStartFailed(logger, e, room.RoomId);
        }
        catch
        {
            // Refused: the page will not show the room, so it must not stay counted as present in it.
            backplane.Changed -= OnBackplaneChanged;
            if (_present)
            {
                _present = false;
                await LeaveQuietlyAsync(room.RoomId, _presence);
            }
            _room = null;
            throw;
        }
        await ReportLiveAsync();
        _pump = Task.Run(PumpAsync, CancellationToken.None);
    }

    /// <summary>
    /// The browser went away (a closed tab, a lost network): stop counting this page as present now, rather
    /// than for the whole time the server keeps the disconnected circuit. <see cref="ResumePresenceAsync"/>
    /// counts it again if the browser comes back.
    /// </summary>
    public async Task SuspendPresenceAsync()
    {
        if (_room is not null && _presence is not null)
        {
            _present = false;
            await presence.LeaveAsync(_room.RoomId, _presence, CancellationToken.None);
        }
    }

    public async Task ResumePresenceAsync()
    {
        if (_room is not null && _presence is not null && Volatile.Read(ref _disposed) == 0 && !_left)
        {
            var away = _away;
            await presence.JoinAsync(_room.RoomId, _presence, away, CancellationToken.None);
            _present = true;
            await CatchUpStatusAsync(away);
        }
    }

    /// <summary>
    /// Sets this tab's status (idle or hidden: away). Others see the user away only once all their tabs
    /// are; while suspended it is only remembered, for <see cref="ResumePresenceAsync"/>.
    /// </summary>
    public async Task SetStatusAsync(string status, CancellationToken cancellationToken)
    {
        _away = status == PresenceStatus.Away;
        if (_presence is not null)
        {
            await presence.SetStatusAsync(_presence, status, cancellationToken);
        }
    }

    /// <summary>Re-subscribes and catches up from the last event id (after a circuit reconnect).</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _cycle?.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        backplane.Changed -= OnBackplaneChanged;
        await _stopping.CancelAsync();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            LogSlowStop(logger, _room?.RoomId);
        }
        if (!_left)
        {
            await LeaveAsync();
        }
        _stopping.Dispose();
    }

    // Unsubscribes and ends this page's presence in the room.
    private async Task LeaveAsync()
    {
        RoomSubscription? subscription;
        lock (_gate)
        {
            subscription = _subscription;
            _subscription = null;
        }
        if (subscription is not null)
        {
            await subscription.DisposeAsync();
        }
        if (_room is not null && _presence is not null)
        {
            await LeaveQuietlyAsync(_room.RoomId, _presence);
        }
    }

    // Leaving is best effort: an entry that cannot be removed now expires with the heartbeat's TTL.
    private async Task LeaveQuietlyAsync(string roomId, PresenceConnection connection)
    {
        try
        {
            await presence.LeaveAsync(roomId, connection, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogLeaveFailed(logger, e, roomId);
        }
    }

    // Presence with the first join (undone if that join fails, so a page that is not in the room is not counted as
    // present), then only the subscription and the state when joining again.
    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (_present)
        {
            await JoinAsync(cancellationToken);
        }
        else
        {
            var away = _away;
            await joins.RunAsync(_room!.RoomId, _presence!, away, () => JoinAsync(cancellationToken), cancellationToken);
            _present = true;
            await CatchUpStatusAsync(away);
        }
        Volatile.Write(ref _joined, true);
    }

    // A status reported while the join was on its way may have reached the store before the connection did
    // (and changed nothing there): once present, apply the newest.
    private async Task CatchUpStatusAsync(bool joinedAway)
    {
        var away = _away;
        if (away != joinedAway)
        {
            await presence.SetStatusAsync(_presence!, away ? PresenceStatus.Away : PresenceStatus.Online, CancellationToken.None);
        }
    }

    // Subscribe first, then read the snapshot or replay: the queue holds live events meanwhile.
    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var room = _room!;
        var subscription = await fanout.SubscribeAsync(room.RoomId, cancellationToken);
        JoinResult result;
        try
        {
            result = await sessions.StartAsync(room, LastEventId, subscription.Queue, cancellationToken);
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
        RoomSubscription? previous;
        lock (_gate)
        {
            previous = _subscription;
            _subscription = subscription;
        }
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
        LastEventId = result.LastEventId ?? LastEventId;
        if (result.State is { } state)
        {
            State = state;
            await RaiseAsync(SnapshotLoaded, state);
        }
    }

    private async Task PumpAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            using var cycle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            RoomSubscription? subscription;
            lock (_gate)
            {
                _cycle = cycle;
                subscription = _subscription;
            }
            if (subscription is null)
            {
                // The first join failed (a store was down): keep trying until it works.
                await RejoinAsync();
                continue;
            }
            try
            {
                await foreach (var item in subscription.Queue.ReadAllAsync(cycle.Token))
                {
                    if (item.IsResync)
                    {
                        LogResync(logger, subscription.RoomId);
                        break;
                    }
                    await DispatchAsync(item.Event!);
                    if (await LostAccessAsync(item.Event!))
                    {
                        await LeaveRoomAsync(item.Event!);
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                // Restart(): fall through and rejoin from the last event id.
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                lock (_gate)
                {
                    _cycle = null;
                }
            }
            await RejoinAsync();
        }
    }

    private async Task RejoinAsync()
    {
        var first = true;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var wasStarted = _subscription is not null;
                await EnterAsync(_stopping.Token);
                await ReportLiveAsync();
                if (wasStarted)
                {
                    await RaiseAsync(Restarted);
                }
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRejoinFailed(logger, e, _room!.RoomId);
                if (first)
                {
                    first = false;
                    Volatile.Write(ref _joined, false);
                    await ReportLiveAsync();
                }
                try
                {
                    await Task.Delay(RetryDelay, time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnBackplaneChanged() => _ = ReportLiveAsync();

    // Tells the panels only about changes; the backplane and the pump may both report the same state.
    private async Task ReportLiveAsync()
    {
        bool changed;
        lock (_gate)
        {
            var live = IsLive;
            changed = live != _reportedLive;
            _reportedLive = live;
        }
        if (changed)
        {
            await RaiseAsync(LiveChanged);
        }
    }

    private static bool IsOutage(Exception e) =>
        e is Core.CollabError { Code: Core.CollabErrorCode.Unavailable };

    private async Task DispatchAsync(RoomEvent roomEvent)
    {
        switch (roomEvent.Data)
        {
            case ChatMessage message:
                await RaiseAsync(MessageReceived, message);
                break;
            case MessageChange messageChange:
                await RaiseAsync(MessageChanged, messageChange);
                break;
            case TodoChange change:
                await RaiseAsync(TodoChanged, change);
                break;
            case OperationCommitted operation:
                await RaiseAsync(OperationReceived, operation);
                break;
            case PresenceChange change:
                await RaiseAsync(PresenceChanged, change);
                break;
            case TypingNotice typing:
                await RaiseAsync(TypingReceived, typing);
                break;
            case CursorMoved cursor:
                await RaiseAsync(CursorMoved, cursor);
                break;
            case MemberChange member:
                await RaiseAsync(MembersChanged, member);
                break;
            case RoomRenamed renamed:
                await RaiseAsync(RoomRenamed, renamed);
                break;
        }
        if (roomEvent.EventId is not null)
        {
            LastEventId = roomEvent.EventId;
        }
    }

    private async Task<bool> LostAccessAsync(RoomEvent roomEvent) =>
        RoomRights.MayEndAccess(roomEvent, _user!.UserId)
        && !await access.CanEnterAsync(_user, roomEvent.RoomId, CancellationToken.None);

    // Called by the pump, which then ends: what DisposeAsync would do, without waiting for the pump.
    private async Task LeaveRoomAsync(RoomEvent reason)
    {
        _left = true;
        await LeaveAsync();
        await RaiseAsync(AccessEnded, reason);
    }

    // Each handler in turn; one panel's failure is logged and does not starve the others.
    private async Task RaiseAsync<T>(Func<T, Task>? handlers, T argument)
    {
        if (handlers is null)
        {
            return;
        }
        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            try
            {
                await handler(argument);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e, _room?.RoomId);
            }
        }
    }

    private async Task RaiseAsync(Func<Task>? handlers)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await RaiseAsync<bool>(_ => handler(), true);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Circuit fell behind in room {RoomId}; resynchronising")]
    private static partial void LogResync(ILogger logger, string roomId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Rejoining room {RoomId} failed; retrying")]
    private static partial void LogRejoinFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A room panel failed to handle an event in room {RoomId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string? roomId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Leaving room {RoomId} failed")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Joining room {RoomId} failed for now (a store is unreachable); retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "The event pump of room {RoomId} did not stop in time")]
    private static partial void LogSlowStop(ILogger logger, string? roomId);
}
