using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;

namespace CollabApp.Components.Rooms;

/// <summary>
/// One room page's live link to its room, the circuit's counterpart of a hub connection: it opens a
/// <see cref="RoomSession"/> as hub connections do (one presence connection per page instance, so two tabs count as two
/// devices; the same fan-out, so both audiences see one order), starts from a snapshot, then pumps the events to the
/// panels in order, one at a time. The session remembers the last durable event id handed out. When the queue overflows
/// (resync) or the circuit reconnects, it rejoins from that id: a replay when the log still has
/// everything after it (panels just see more events), else a new snapshot (<see cref="SnapshotLoaded"/>).
/// Panels recognise what they already have (message ids, to-do versions, revisions), so neither path
/// duplicates or skips anything. Handlers run on the pump's thread: components marshal with InvokeAsync.
/// A store outage is not the end of the page: joining (first or again) is retried every two seconds while
/// <see cref="IsLive"/> says false, and the panels keep what the user did meanwhile.
/// When the user's right to the room ends (removed from its members, or the room deleted), the page hears that event
/// (<see cref="AccessEnded"/>) and nothing after it: the connection leaves the room on its own.
/// </summary>
public sealed partial class RoomConnection(
    RoomSessions sessions,
    PresenceService presence,
    BackplaneStatus backplane,
    TimeProvider time,
    ILogger<RoomConnection> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private RoomInfo? _room;
    private CollabUser? _user;
    private PresenceConnection? _presence;
    // Null until the first join succeeds (a store may be down at the start).
    private volatile RoomSession? _session;
    private CancellationTokenSource? _cycle;
    private Task _pump = Task.CompletedTask;
    private int _disposed;

    // This tab's own status, kept across a suspend so a tab that was idle comes back away, not online.
    private volatile bool _away;

    /// <summary>The newest snapshot (null until started).</summary>
    public RoomState? State { get; private set; }

    /// <summary>The newest durable event the panels have been given.</summary>
    public string? LastEventId => _session?.LastEventId;

    /// <summary>This page's presence connection id ("circuit-…").</summary>
    public string ConnectionId { get; } = "circuit-" + Guid.NewGuid().ToString("N");

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
        catch (OperationCanceledException) when (Volatile.Read(ref _disposed) != 0)
        {
            // Disposed while joining: the session has been left, and there is nothing to pump.
            return;
        }
        catch (Exception e) when (IsOutage(e))
        {
            LogStartFailed(logger, e, room.RoomId);
        }
        catch
        {
            // Refused: the page will not show the room, so it must not stay counted as present in it (a failed
            // open took its presence back itself).
            backplane.Changed -= OnBackplaneChanged;
            await LeaveAsync();
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
        await LeaveAsync();
        _stopping.Dispose();
    }

    // Unsubscribes and ends this page's presence in the room (once: the session ignores a second leave). Leaving is
    // best effort: an entry that cannot be removed now expires with the heartbeat's TTL.
    private async Task LeaveAsync()
    {
        if (_session is not { } session)
        {
            return;
        }
        try
        {
            await session.LeaveAsync();
        }
        catch (Exception e)
        {
            LogLeaveFailed(logger, e, session.Room.RoomId);
        }
    }

    private static bool IsOutage(Exception e) =>
        e is Core.CollabError { Code: Core.CollabErrorCode.Unavailable };
}
