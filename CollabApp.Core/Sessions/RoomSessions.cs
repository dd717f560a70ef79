using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;
using Microsoft.Extensions.Logging;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Core.Sessions;

/// <summary>
/// The one way into a room, for hub connections and room pages alike (<see cref="OpenAsync"/>), and how a subscriber
/// starts there without a gap or a duplicate: the subscription already holds live events when the replay or snapshot
/// is read; <see cref="SubscriberQueue.Start"/> then delivers only what comes after what that covered.
/// </summary>
public sealed partial class RoomSessions(
    IRoomEventLog log,
    IChatStore chat,
    ITodoStore todos,
    DocumentService documents,
    PresenceService presence,
    RoomFanout fanout,
    RoomAccess access,
    SnapshotSharing sharing,
    ILogger<RoomSessions> logger)
{
    public const int SnapshotMessages = 50;

    /// <summary>
    /// The most to-dos a snapshot holds (the first by position), so that joining a room with a long list stays a bounded
    /// answer; the rest are read in pages with <c>GetTodos</c>.
    /// </summary>
    public const int SnapshotTodos = 500;

    /// <summary>
    /// Joins <paramref name="room"/> (the caller has checked the user may enter it): marks the connection present first,
    /// so the snapshot it reads lists them, then subscribes and resumes after <paramref name="lastEventId"/> or reads a
    /// snapshot. If a later step fails, the presence this join added is taken back (publishing <c>offline</c> if it was
    /// the user's first connection in the room) and the error goes on to the caller: a failed join leaves no ghost
    /// behind until the TTL.
    /// </summary>
    /// <param name="away">Whether the connection joins away (see <see cref="IPresenceStore.AddConnectionAsync"/>).</param>
    public async Task<RoomSession> OpenAsync(
        RoomInfo room, CollabUser user, PresenceConnection connection, string? lastEventId, bool away, CancellationToken cancellationToken)
    {
        // A repeated join (a hub client resuming in a room it is in) must not end the earlier join's presence.
        var wasPresent = presence.IsPresent(room.RoomId, connection.ConnectionId);
        try
        {
            await presence.JoinAsync(room.RoomId, connection, away, cancellationToken);
            var (subscription, joined) = await SubscribeAndStartAsync(room, lastEventId, cancellationToken);
            return new RoomSession(this, access, presence, room, user, connection, lastEventId, subscription, joined);
        }
        catch when (!wasPresent)
        {
            await UndoPresenceAsync(room.RoomId, connection);
            throw;
        }
    }

    /// <summary>Subscribes first, then reads the replay or snapshot: the queue holds the live events meanwhile.</summary>
    internal async Task<(RoomSubscription Subscription, JoinResult Joined)> SubscribeAndStartAsync(
        RoomInfo room, string? lastEventId, CancellationToken cancellationToken)
    {
        var subscription = await fanout.SubscribeAsync(room.RoomId, cancellationToken);
        try
        {
            return (subscription, await StartAsync(room, lastEventId, subscription.Queue, cancellationToken));
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
    }

    public async Task<JoinResult> StartAsync(RoomInfo room, string? lastEventId, SubscriberQueue queue, CancellationToken cancellationToken)
    {
        if (EventId.TryParse(lastEventId, out var after))
        {
            var replay = await log.ReadAfterAsync(room.RoomId, after, cancellationToken);
            if (replay.Resumable)
            {
                var covered = replay.Events.Count > 0 ? replay.Events[^1].Id!.Value : after;
                queue.Start(ReplayRedaction.Apply(replay.Events), covered);
                return new JoinResult(true, null, covered.ToString());
            }
        }
        var (state, point) = await SnapshotAsync(room, cancellationToken);
        var coverage = new SnapshotCoverage(state);
        // The events after the stored point are replayed unless the snapshot shows them already; the answer's id is
        // the stored point, the newest id whose predecessors the snapshot is sure to hold (so a resume from it can
        // repeat a replayed event, never skip one).
        var newestLater = point.Later.Count > 0 ? point.Later[^1].Id : point.StoredUpTo;
        queue.Start([.. ReplayRedaction.Apply(point.Later).Where(e => !coverage.Covers(e))], newestLater, coverage.Covers);
        return new JoinResult(false, state, point.StoredUpTo?.ToString());
    }

    /// <summary>
    /// The room's state and the point of the log it starts from. The point is read first: every event up to it is in
    /// the database, so the state read after it shows them all; the events after it (committed but perhaps not stored
    /// yet when the state was read) come with it, for <see cref="StartAsync"/> to replay what the state does not show.
    /// </summary>
    public async Task<(RoomState State, SnapshotPoint Point)> SnapshotAsync(RoomInfo room, CancellationToken cancellationToken)
    {
        var point = await log.ReadSnapshotPointAsync(room.RoomId, cancellationToken);
        var online = await presence.GetOnlineAsync(room.RoomId, cancellationToken);
        var messages = await chat.ListBeforeAsync(room.RoomId, null, SnapshotMessages, cancellationToken);
        var items = await todos.ListAsync(room.RoomId, cancellationToken);
        var document = await documents.CurrentAsync(room.RoomId, cancellationToken);
        var shown = items.Count > SnapshotTodos ? [.. items.Take(SnapshotTodos)] : items;
        return (sharing.Share(new RoomState(room.RoomId, room.Name, online, messages, shown, document) { TodosTotal = items.Count }), point);
    }

    // A failing undo must not replace the join's error. The connection has left this instance's set either
    // way, so nobody refreshes it and it expires within the TTL.
    private async Task UndoPresenceAsync(string roomId, PresenceConnection connection)
    {
        try
        {
            await presence.LeaveAsync(roomId, connection, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogUndoFailed(logger, e, roomId);
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Taking back the presence of a failed join to room {RoomId} failed; it expires instead")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, string roomId);
}
