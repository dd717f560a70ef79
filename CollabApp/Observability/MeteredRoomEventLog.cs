using CollabApp.Core.Events;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Observability;

/// <summary>Counts durable events committed through the room streams.</summary>
public sealed class MeteredRoomEventLog(IRoomEventLog inner, CollabMetrics metrics) : IRoomEventLog
{
    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(request, cancellationToken);
        if (!result.IsDuplicate)
        {
            metrics.EventCommitted(request.Type);
        }
        return result;
    }

    public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(roomId, after, cancellationToken);

    public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken) =>
        inner.GetLatestIdAsync(roomId, cancellationToken);
}
