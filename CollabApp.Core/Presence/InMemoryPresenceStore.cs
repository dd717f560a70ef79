namespace CollabApp.Core.Presence;

/// <summary>The embedded mode's presence: one process, one lock, the same rules as the Redis store.</summary>
public sealed class InMemoryPresenceStore : IPresenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string RoomId, string ConnectionId), (PresenceConnection Connection, DateTimeOffset LastSeen)> _connections = [];

    // Connections set away; a connection leaves the set with its last room, so it joins again as online.
    private readonly HashSet<(string UserId, string ConnectionId)> _away = [];

    public Task<IReadOnlyList<PresenceUpdate>> AddConnectionAsync(string roomId, PresenceConnection connection, bool away, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (roomId, connection.ConnectionId);
            var updates = new List<PresenceUpdate>();
            var known = _connections.ContainsKey(key);
            var before = Shown(connection.UserId);
            var first = !HasUserIn(roomId, connection.UserId);
            _connections[key] = (connection, now);
            if (known)
            {
                return Task.FromResult<IReadOnlyList<PresenceUpdate>>(updates);
            }
            if (away)
            {
                _away.Add((connection.UserId, connection.ConnectionId));
            }
            if (first)
            {
                updates.Add(new PresenceUpdate(roomId, connection.UserId, connection.UserName, Shown(connection.UserId)!));
            }
            AddFlips(updates, connection.UserId, connection.UserName, before, first ? roomId : null);
            return Task.FromResult<IReadOnlyList<PresenceUpdate>>(updates);
        }
    }

    public Task<IReadOnlyList<PresenceUpdate>> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var updates = new List<PresenceUpdate>();
            if (_connections.TryGetValue((roomId, connection.ConnectionId), out var entry))
            {
                var before = Shown(entry.Connection.UserId);
                Remove(roomId, entry.Connection, updates);
                AddFlips(updates, entry.Connection.UserId, entry.Connection.UserName, before, skipRoom: null);
            }
            return Task.FromResult<IReadOnlyList<PresenceUpdate>>(updates);
        }
    }

    public Task RefreshAsync(IReadOnlyCollection<(string RoomId, PresenceConnection Connection)> connections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (roomId, connection) in connections)
            {
                var key = (roomId, connection.ConnectionId);
                if (_connections.TryGetValue(key, out var entry))
                {
                    _connections[key] = (entry.Connection, now);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PresenceUpdate>> SetStatusAsync(PresenceConnection connection, string status, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var updates = new List<PresenceUpdate>();
            var tab = (connection.UserId, connection.ConnectionId);
            if (_connections.Values.Any(c => (c.Connection.UserId, c.Connection.ConnectionId) == tab))
            {
                var before = Shown(connection.UserId);
                if (status == PresenceStatus.Away)
                {
                    _away.Add(tab);
                }
                else
                {
                    _away.Remove(tab);
                }
                AddFlips(updates, connection.UserId, connection.UserName, before, skipRoom: null);
            }
            return Task.FromResult<IReadOnlyList<PresenceUpdate>>(updates);
        }
    }

    public Task<IReadOnlyList<PresenceEntry>> ListAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // One pass for everyone's shown status, rather than one per listed user.
            var active = _connections.Values
                .Select(c => (c.Connection.UserId, c.Connection.ConnectionId))
                .Where(tab => !_away.Contains(tab))
                .Select(tab => tab.UserId)
                .ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<PresenceEntry> entries =
            [
                .. _connections
                    .Where(c => c.Key.RoomId == roomId)
                    .GroupBy(c => c.Value.Connection.UserId)
                    .Select(g => new PresenceEntry(
                        g.Key,
                        g.First().Value.Connection.UserName,
                        active.Contains(g.Key) ? PresenceStatus.Online : PresenceStatus.Away,
                        g.Count(),
                        g.Max(c => c.Value.LastSeen)))
                    .OrderBy(e => e.UserName, StringComparer.OrdinalIgnoreCase),
            ];
            return Task.FromResult(entries);
        }
    }

    public Task<IReadOnlyList<PresenceUpdate>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _connections.Where(c => c.Value.LastSeen < cutoff).ToList();
            // Shown statuses before any removal: a user whose tabs all expire goes offline without first flipping to away.
            var before = expired
                .Select(e => e.Value.Connection)
                .DistinctBy(c => c.UserId)
                .Select(c => (c.UserId, c.UserName, Status: Shown(c.UserId)))
                .ToList();
            var updates = new List<PresenceUpdate>();
            foreach (var entry in expired)
            {
                Remove(entry.Key.RoomId, entry.Value.Connection, updates);
            }
            foreach (var (userId, userName, status) in before)
            {
                AddFlips(updates, userId, userName, status, skipRoom: null);
            }
            return Task.FromResult<IReadOnlyList<PresenceUpdate>>(updates);
        }
    }

    private void Remove(string roomId, PresenceConnection connection, List<PresenceUpdate> updates)
    {
        _connections.Remove((roomId, connection.ConnectionId));
        if (!_connections.Values.Any(c => c.Connection.UserId == connection.UserId && c.Connection.ConnectionId == connection.ConnectionId))
        {
            _away.Remove((connection.UserId, connection.ConnectionId));
        }
        if (!HasUserIn(roomId, connection.UserId))
        {
            updates.Add(new PresenceUpdate(roomId, connection.UserId, connection.UserName, PresenceStatus.Offline));
        }
    }

    // When the user's shown status flipped from `before`, it is news in every room they are still in.
    private void AddFlips(List<PresenceUpdate> updates, string userId, string userName, string? before, string? skipRoom)
    {
        var after = Shown(userId);
        if (before is null || after is null || before == after)
        {
            return;
        }
        updates.AddRange(RoomsOf(userId).Where(r => r != skipRoom).Select(r => new PresenceUpdate(r, userId, userName, after)));
    }

    // Online while any connection of the user is not away; null when the user has none.
    private string? Shown(string userId)
    {
        var tabs = _connections.Values.Where(c => c.Connection.UserId == userId).Select(c => c.Connection.ConnectionId).ToList();
        return tabs.Count == 0 ? null
            : tabs.Any(c => !_away.Contains((userId, c))) ? PresenceStatus.Online
            : PresenceStatus.Away;
    }

    private IEnumerable<string> RoomsOf(string userId) =>
        _connections.Where(c => c.Value.Connection.UserId == userId).Select(c => c.Key.RoomId).Distinct().Order(StringComparer.Ordinal);

    private bool HasUserIn(string roomId, string userId) =>
        _connections.Any(c => c.Key.RoomId == roomId && c.Value.Connection.UserId == userId);
}
