using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;

namespace CollabApp.Core.Sessions;

/// <summary>
/// Starts a subscriber in a room without a gap or a duplicate: the subscription already holds live events
/// when the replay or snapshot is read; <see cref="SubscriberQueue.Start"/> then delivers only what comes
/// after what that covered.
/// </summary>
public sealed class RoomSessions(IRoomEventLog log, IChatStore chat, ITodoStore todos, DocumentService documents, PresenceService presence)
{
    public const int SnapshotMessages = 50;

    /// <summary>
    /// The most to-dos a snapshot holds (the first by position), so that joining a room with a long list stays a bounded
    /// answer; the rest are read in pages with <c>GetTodos</c>.
    /// </summary>
    public const int SnapshotTodos = 500;

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
        return (new RoomState(room.RoomId, room.Name, online, messages, shown, document) { TodosTotal = items.Count }, point);
    }
}
