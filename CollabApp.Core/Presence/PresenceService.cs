using CollabApp.Core.Events;

namespace CollabApp.Core.Presence;

/// <summary>
/// Presence per connection, published per user: <c>online</c> when a user's first connection joins a
/// room, <c>offline</c> when the last one leaves or expires, <c>away</c>/<c>online</c> when their shown
/// status flips: away once every connection of theirs is away, online again as soon as one is not
/// (<see cref="IPresenceStore"/> decides; this publishes what it reports).
/// </summary>
public sealed class PresenceService(IPresenceStore store, IRoomEventBus bus, LocalConnections local, PresenceOptions options, TimeProvider time)
{
    public Task JoinAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken) =>
        JoinAsync(roomId, connection, away: false, cancellationToken);

    /// <summary>Marks the connection present, away from the start when <paramref name="away"/> (see <see cref="IPresenceStore"/>).</summary>
    public async Task JoinAsync(string roomId, PresenceConnection connection, bool away, CancellationToken cancellationToken)
    {
        local.Add(roomId, connection);
        await PublishAsync(await store.AddConnectionAsync(roomId, connection, away, time.GetUtcNow(), cancellationToken), cancellationToken);
    }

    /// <summary>Whether this instance holds the connection as present in the room.</summary>
    public bool IsPresent(string roomId, string connectionId) => local.Contains(roomId, connectionId);

    public async Task LeaveAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken)
    {
        if (!local.Remove(roomId, connection.ConnectionId))
        {
            return;
        }
        await PublishAsync(await store.RemoveConnectionAsync(roomId, connection, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Sets one connection's (tab's) status in every room it is in. The user's shown status, and so what
    /// others see, changes only when this flips it; the same status again publishes nothing.
    /// </summary>
    public async Task SetStatusAsync(PresenceConnection connection, string status, CancellationToken cancellationToken) =>
        await PublishAsync(await store.SetStatusAsync(connection, status, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<PresenceEntry>> GetOnlineAsync(string roomId, CancellationToken cancellationToken) =>
        store.ListAsync(roomId, cancellationToken);

    /// <summary>
    /// One heartbeat: refresh this instance's live connections, then expire everyone's stale ones (a
    /// crashed instance's included). The store reports each departure and flip once across instances.
    /// </summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.RefreshAsync(local.Snapshot(), now, cancellationToken);
        await PublishAsync(await store.ExpireAsync(now - options.Ttl, cancellationToken), cancellationToken);
    }

    private async Task PublishAsync(IReadOnlyList<PresenceUpdate> updates, CancellationToken cancellationToken)
    {
        foreach (var update in updates)
        {
            await bus.PublishTransientAsync(
                RoomEvents.Transient(update.RoomId, PresenceEventTypes.Presence, time.GetUtcNow(), new PresenceChange(update.UserId, update.UserName, update.Status)),
                cancellationToken);
        }
    }
}
