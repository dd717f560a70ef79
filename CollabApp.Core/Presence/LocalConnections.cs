namespace CollabApp.Core.Presence;

/// <summary>The connections this instance holds, per room: what its heartbeat keeps alive.</summary>
public sealed class LocalConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string RoomId, string ConnectionId), PresenceConnection> _connections = [];

    public void Add(string roomId, PresenceConnection connection)
    {
        lock (_gate)
        {
            _connections[(roomId, connection.ConnectionId)] = connection;
        }
    }

    public bool Remove(string roomId, string connectionId)
    {
        lock (_gate)
        {
            return _connections.Remove((roomId, connectionId));
        }
    }

    public bool Contains(string roomId, string connectionId)
    {
        lock (_gate)
        {
            return _connections.ContainsKey((roomId, connectionId));
        }
    }

    public IReadOnlyList<(string RoomId, PresenceConnection Connection)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections.Select(c => (c.Key.RoomId, c.Value))];
        }
    }
}
