namespace CollabApp.Core.Chat;

/// <summary>
/// A thread-safe in-memory <see cref="IReadMarkerStore"/> for tests and benchmarks that need a database without one, kept
/// beside the port and held to the same contract as the EF store. Unread counts read <paramref name="chat"/>, the
/// messages the markers point into, as the EF store reads the same database's messages.
/// </summary>
public sealed class InMemoryReadMarkerStore(IChatStore chat) : IReadMarkerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string UserId, string RoomId), ReadMarker> _markers = [];

    public Task<ReadMarker?> GetAsync(string userId, string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_markers.GetValueOrDefault((userId, roomId)));
        }
    }

    public Task AdvanceAsync(string userId, string roomId, ReadMarker marker, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_markers.TryGetValue((userId, roomId), out var current) || marker.EventId > current.EventId)
            {
                _markers[(userId, roomId)] = marker;
            }
        }
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(string userId, int cap, CancellationToken cancellationToken)
    {
        List<(string RoomId, ReadMarker Marker)> markers;
        lock (_gate)
        {
            markers = [.. _markers.Where(m => m.Key.UserId == userId).Select(m => (m.Key.RoomId, m.Value))];
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (roomId, marker) in markers)
        {
            var messages = await chat.ListBeforeAsync(roomId, null, int.MaxValue, cancellationToken);
            counts[roomId] = Math.Min(cap, messages.Count(m => m.UserId != userId && !m.Deleted
                && Events.EventId.TryParse(m.EventId, out var id) && id > marker.EventId));
        }
        return counts;
    }
}
