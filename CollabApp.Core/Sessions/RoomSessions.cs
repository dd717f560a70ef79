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

    public async Task<JoinResult> StartAsync(RoomInfo room, string? lastEventId, SubscriberQueue queue, CancellationToken cancellationToken)
    {
        if (EventId.TryParse(lastEventId, out var after))
        {
            var replay = await log.ReadAfterAsync(room.RoomId, after, cancellationToken);
            if (replay.Resumable)
            {
                var covered = replay.Events.Count > 0 ? replay.Events[^1].Id!.Value : after;
                queue.Start(replay.Events, covered);
                return new JoinResult(true, null, covered.ToString());
            }
        }
        var (state, latest) = await SnapshotAsync(room, cancellationToken);
        queue.Start([], latest, new SnapshotCoverage(state).Covers);
        return new JoinResult(false, state, latest?.ToString());
    }

    /// <summary>
    /// The room's state and the newest event id it covers. The id is read first: the state may then
    /// already contain a few later events (reading it last could instead skip events); <see cref="StartAsync"/>
    /// holds those back with a <see cref="SnapshotCoverage"/>.
    /// </summary>
    public async Task<(RoomState State, EventId? LastEventId)> SnapshotAsync(RoomInfo room, CancellationToken cancellationToken)
    {
        var latest = await log.GetLatestIdAsync(room.RoomId, cancellationToken);
        var online = await presence.GetOnlineAsync(room.RoomId, cancellationToken);
        var messages = await chat.ListBeforeAsync(room.RoomId, null, SnapshotMessages, cancellationToken);
        var items = await todos.ListAsync(room.RoomId, cancellationToken);
        var document = await documents.CurrentAsync(room.RoomId, cancellationToken);
        return (new RoomState(room.RoomId, room.Name, online, messages, items, document), latest);
    }
}
