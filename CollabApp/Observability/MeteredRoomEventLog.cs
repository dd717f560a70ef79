using CollabApp.Core.Events;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Observability;

/// <summary>Counts durable events committed through the room streams.</summary>
public sealed class MeteredRoomEventLog(IRoomEventLog inner, CollabMetrics metrics) : IRoomEventLog
{
    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(request, cancellationToken);
        if (result.Outcome == AppendOutcome.Committed)
        {
            metrics.EventCommitted(request.Type);
        }
        return result;
    }

    public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(roomId, after, cancellationToken);

    public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken) =>
        inner.GetLatestIdAsync(roomId, cancellationToken);

    public Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken) =>
        inner.ReadSnapshotPointAsync(roomId, cancellationToken);

    public Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken) =>
        inner.MarkStoredAsync(roomId, ids, cancellationToken);

    public Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken) =>
        inner.ReadUnstoredAsync(appendedBefore, limit, cancellationToken);
}
