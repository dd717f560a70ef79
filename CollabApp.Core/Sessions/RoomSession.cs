using System.Runtime.CompilerServices;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;

namespace CollabApp.Core.Sessions;

/// <summary>
/// One subscriber's stay in a room, the same for a hub connection and a room page. <see cref="RoomSessions.OpenAsync"/>
/// marks it present, subscribes and starts it from a replay or a snapshot; <see cref="ReadAsync"/> is what to deliver,
/// in order, ending with <see cref="End"/> saying why; <see cref="RejoinAsync"/> starts again from the last event
/// delivered (a replay when the log still has what came after it, else a new snapshot); <see cref="LeaveAsync"/> ends the
/// subscription, then the presence. The caller only delivers: writes bytes to a connection or raises events on a page.
/// </summary>
public sealed class RoomSession : IAsyncDisposable
{
    private readonly RoomSessions _sessions;
    private readonly RoomAccess _access;
    private readonly PresenceService _presence;
    private readonly Lock _gate = new();
    private RoomSubscription? _subscription;
    private volatile string? _lastEventId;
    private volatile JoinResult _joined;
    private volatile bool _left;
    // An event that may have ended the user's right to the room, until the room says they may stay: a check that failed
    // (a store was down) is asked again before anything more is delivered, never skipped.
    private volatile RoomEvent? _unconfirmed;

    internal RoomSession(
        RoomSessions sessions,
        RoomAccess access,
        PresenceService presence,
        RoomInfo room,
        CollabUser user,
        PresenceConnection connection,
        string? lastEventId,
        RoomSubscription subscription,
        JoinResult joined)
    {
        _sessions = sessions;
        _access = access;
        _presence = presence;
        Room = room;
        User = user;
        Connection = connection;
        _lastEventId = lastEventId;
        _subscription = subscription;
        _joined = joined;
        Remember(joined);
    }

    public RoomInfo Room { get; }

    public CollabUser User { get; }

    public PresenceConnection Connection { get; }

    /// <summary>The answer to the newest join: the replay it resumed with, or its snapshot.</summary>
    public JoinResult Joined => _joined;

    /// <summary>
    /// The newest durable event delivered, or shown by the newest snapshot: where a rejoin resumes. A replay moves it
    /// on one delivered event at a time, so a rejoin in the middle of a replay repeats nothing and skips nothing.
    /// </summary>
    public string? LastEventId => _lastEventId;

    /// <summary>Why the last <see cref="ReadAsync"/> ended.</summary>
    public RoomSessionEnd End { get; private set; }

    /// <summary>With <see cref="RoomSessionEnd.AccessEnded"/>: the event (<c>memberRemoved</c> or <c>roomDeleted</c>) that ended it.</summary>
    public RoomEvent? EndedBy { get; private set; }

    public bool HasLeft => _left;

    /// <summary>
    /// The events to deliver, in the room's order. An event counts as delivered once the caller asks for the next one;
    /// then, if it may have ended the user's right to the room and the room says so, the stream ends there
    /// (<see cref="RoomSessionEnd.AccessEnded"/>). When the room cannot say (a store is down), the stream throws its
    /// error, and the next read asks again first (<see cref="ConfirmAccessAsync"/> asks without reading). Cancelling
    /// throws, as usual, and leaves the session as it was.
    /// </summary>
    public async IAsyncEnumerable<RoomEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        End = RoomSessionEnd.None;
        EndedBy = null;
        RoomSubscription? subscription;
        lock (_gate)
        {
            subscription = _subscription;
        }
        if (subscription is null)
        {
            End = RoomSessionEnd.Stopped;
            yield break;
        }
        if (_unconfirmed is { } unconfirmed && await LostAccessAsync(unconfirmed))
        {
            End = RoomSessionEnd.AccessEnded;
            EndedBy = unconfirmed;
            yield break;
        }
        await foreach (var item in subscription.Queue.ReadAllAsync(cancellationToken))
        {
            if (item.IsResync)
            {
                End = RoomSessionEnd.ResyncNeeded;
                yield break;
            }
            var roomEvent = item.Event!;
            yield return roomEvent;
            if (roomEvent.EventId is { } id)
            {
                _lastEventId = id;
            }
            if (await LostAccessAsync(roomEvent))
            {
                End = RoomSessionEnd.AccessEnded;
                EndedBy = roomEvent;
                yield break;
            }
        }
        End = RoomSessionEnd.Stopped;
    }

    /// <summary>
    /// Subscribes again and starts from <see cref="LastEventId"/>, in place of the current subscription; the presence
    /// stays. When it fails, the session is as it was and may be rejoined again.
    /// </summary>
    public async Task<JoinResult> RejoinAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_left, this);
        var (subscription, joined) = await _sessions.SubscribeAndStartAsync(Room, LastEventId, cancellationToken);
        RoomSubscription? replaced;
        bool left;
        lock (_gate)
        {
            left = _left;
            replaced = left ? subscription : _subscription;
            if (!left)
            {
                _subscription = subscription;
                _joined = joined;
                Remember(joined);
            }
        }
        if (replaced is not null)
        {
            await replaced.DisposeAsync();
        }
        ObjectDisposedException.ThrowIf(left, this);
        return joined;
    }

    /// <summary>
    /// Whether the user may stay, as far as the delivered events say: false only when an event that may have ended their
    /// right to the room went unconfirmed (its check failed) and the room now says it did; then the next read ends at
    /// once with <see cref="RoomSessionEnd.AccessEnded"/>. Throws while the room still cannot say.
    /// </summary>
    public async Task<bool> ConfirmAccessAsync() => _unconfirmed is not { } unconfirmed || !await LostAccessAsync(unconfirmed);

    /// <summary>
    /// Ends the subscription (a reader's stream ends with <see cref="RoomSessionEnd.Stopped"/>) and keeps the presence:
    /// for a session that another one, opened later for the same presence connection, takes over.
    /// </summary>
    public async Task StopAsync()
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
    }

    /// <summary>Ends the subscription, then the presence (whether or not the first failed). Only the first call does anything.</summary>
    public async Task LeaveAsync()
    {
        lock (_gate)
        {
            if (_left)
            {
                return;
            }
            _left = true;
        }
        try
        {
            await StopAsync();
        }
        finally
        {
            // Even when ending the subscription failed: this instance would otherwise keep the presence alive with its
            // heartbeat, a ghost that never expires.
            await _presence.LeaveAsync(Room.RoomId, Connection, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await LeaveAsync();

    // A snapshot shows everything up to its point; a replay is still to be delivered, event by event.
    private void Remember(JoinResult joined)
    {
        if (joined.State is not null && joined.LastEventId is not null)
        {
            _lastEventId = joined.LastEventId;
        }
    }

    private async Task<bool> LostAccessAsync(RoomEvent roomEvent)
    {
        if (!RoomRights.MayEndAccess(roomEvent, User.UserId))
        {
            return false;
        }
        _unconfirmed = roomEvent;
        if (!await _access.CanEnterAsync(User, roomEvent.RoomId, CancellationToken.None))
        {
            return true;
        }
        _unconfirmed = null;
        return false;
    }
}
