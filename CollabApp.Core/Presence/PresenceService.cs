using CollabApp.Core.Events;

namespace CollabApp.Core.Presence;

/// <summary>
/// Presence per connection, published per user: <c>online</c> when a user's first connection joins a
/// room, <c>offline</c> when the last one leaves or expires, <c>away</c>/<c>online</c> when they say so.
/// </summary>
public sealed class PresenceService(IPresenceStore store, IRoomEventBus bus, LocalConnections local, PresenceOptions options, TimeProvider time)
{
    public async Task JoinAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken)
    {
        local.Add(roomId, connection);
        if (await store.AddConnectionAsync(roomId, connection, time.GetUtcNow(), cancellationToken))
        {
            await PublishAsync(roomId, connection.UserId, connection.UserName, PresenceStatus.Online, cancellationToken);
        }
    }

    public async Task LeaveAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken)
    {
        if (!local.Remove(roomId, connection.ConnectionId))
        {
            return;
        }
        if (await store.RemoveConnectionAsync(roomId, connection, cancellationToken))
        {
            await PublishAsync(roomId, connection.UserId, connection.UserName, PresenceStatus.Offline, cancellationToken);
        }
    }

    /// <summary>Sets a user's status in every room they are present in; the same status again publishes nothing.</summary>
    public async Task SetStatusAsync(string userId, string userName, string status, CancellationToken cancellationToken)
    {
        foreach (var roomId in await store.SetStatusAsync(userId, status, cancellationToken))
        {
            await PublishAsync(roomId, userId, userName, status, cancellationToken);
        }
    }

    public Task<IReadOnlyList<PresenceEntry>> GetOnlineAsync(string roomId, CancellationToken cancellationToken) =>
        store.ListAsync(roomId, cancellationToken);

    /// <summary>
    /// One heartbeat: refresh this instance's live connections, then expire everyone's stale ones (a
    /// crashed instance's included). The store reports each departure once across instances.
    /// </summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.RefreshAsync(local.Snapshot(), now, cancellationToken);
        var departures = await store.ExpireAsync(now - options.Ttl, cancellationToken);
        foreach (var departure in departures)
        {
            await PublishAsync(departure.RoomId, departure.UserId, departure.UserName, PresenceStatus.Offline, cancellationToken);
        }
    }

    private Task PublishAsync(string roomId, string userId, string userName, string status, CancellationToken cancellationToken) =>
        bus.PublishTransientAsync(
            RoomEvents.Transient(roomId, RoomEventTypes.Presence, time.GetUtcNow(), new PresenceChange(userId, userName, status)),
            cancellationToken);
}
