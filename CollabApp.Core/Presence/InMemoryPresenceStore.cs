namespace CollabApp.Core.Presence;

/// <summary>The embedded mode's presence: one process, one lock, the same rules as the Redis store.</summary>
public sealed class InMemoryPresenceStore : IPresenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string RoomId, string ConnectionId), (PresenceConnection Connection, DateTimeOffset LastSeen)> _connections = [];
    private readonly Dictionary<string, string> _statusByUser = new(StringComparer.Ordinal);

    public Task<bool> AddConnectionAsync(string roomId, PresenceConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var firstOfUser = !HasUserIn(roomId, connection.UserId);
            _connections[(roomId, connection.ConnectionId)] = (connection, now);
            return Task.FromResult(firstOfUser);
        }
    }

    public Task<bool> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var removed = _connections.Remove((roomId, connection.ConnectionId));
            ForgetStatusIfGone(connection.UserId);
            return Task.FromResult(removed && !HasUserIn(roomId, connection.UserId));
        }
    }

    public Task RefreshAsync(IReadOnlyCollection<(string RoomId, PresenceConnection Connection)> connections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (roomId, connection) in connections)
            {
                var key = (roomId, connection.ConnectionId);
                if (_connections.ContainsKey(key))
                {
                    _connections[key] = (connection, now);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> SetStatusAsync(string userId, string status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var previous = _statusByUser.GetValueOrDefault(userId, PresenceStatus.Online);
            _statusByUser[userId] = status;
            IReadOnlyList<string> rooms = previous == status
                ? []
                : [.. _connections.Where(c => c.Value.Connection.UserId == userId).Select(c => c.Key.RoomId).Distinct()];
            return Task.FromResult(rooms);
        }
    }

    public Task<IReadOnlyList<PresenceEntry>> ListAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<PresenceEntry> entries =
            [
                .. _connections
                    .Where(c => c.Key.RoomId == roomId)
                    .GroupBy(c => c.Value.Connection.UserId)
                    .Select(g => new PresenceEntry(
                        g.Key,
                        g.First().Value.Connection.UserName,
                        _statusByUser.GetValueOrDefault(g.Key, PresenceStatus.Online),
                        g.Count(),
                        g.Max(c => c.Value.LastSeen)))
                    .OrderBy(e => e.UserName, StringComparer.OrdinalIgnoreCase),
            ];
            return Task.FromResult(entries);
        }
    }

    public Task<IReadOnlyList<PresenceDeparture>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _connections.Where(c => c.Value.LastSeen < cutoff).ToList();
            foreach (var entry in expired)
            {
                _connections.Remove(entry.Key);
            }
            foreach (var userId in expired.Select(e => e.Value.Connection.UserId).Distinct())
            {
                ForgetStatusIfGone(userId);
            }
            IReadOnlyList<PresenceDeparture> departures =
            [
                .. expired
                    .Select(e => (e.Key.RoomId, e.Value.Connection.UserId, e.Value.Connection.UserName))
                    .Distinct()
                    .Where(d => !HasUserIn(d.RoomId, d.UserId))
                    .Select(d => new PresenceDeparture(d.RoomId, d.UserId, d.UserName)),
            ];
            return Task.FromResult(departures);
        }
    }

    private bool HasUserIn(string roomId, string userId) =>
        _connections.Any(c => c.Key.RoomId == roomId && c.Value.Connection.UserId == userId);

    // A user who has left every room starts as online next time, whatever they had set.
    private void ForgetStatusIfGone(string userId)
    {
        if (!_connections.Values.Any(c => c.Connection.UserId == userId))
        {
            _statusByUser.Remove(userId);
        }
    }
}
