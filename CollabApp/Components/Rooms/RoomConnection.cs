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
}
