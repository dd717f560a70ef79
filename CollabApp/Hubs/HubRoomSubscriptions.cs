using System.Collections.Concurrent;
using CollabApp.Accounts;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Observability;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// How hub clients receive room events. Every instance gets each room's events once from the room bus
/// (<see cref="RoomFanout"/>) and writes them to its OWN connections, one bounded queue and one pump per
/// (connection, room). Events are therefore never routed through the SignalR Redis backplane, so no connection can
/// get an event twice, and browser circuits, fed by the same fan-out, see the same order. Each event is serialised
/// once per instance and hub protocol (<see cref="SerializedRoomEvents"/>), not once per connection.
/// A connection that falls behind by a whole queue is aborted: its client reconnects and resumes with
/// <c>JoinRoom(room, lastEventId)</c>, which replays exactly what it missed.
/// A connection whose right to the room ends (it was removed from the members, or the room was deleted) gets that
/// event and then nothing more from the room: it leaves the room as if it had called <c>LeaveRoom</c>.
/// </summary>
public sealed partial class HubRoomSubscriptions(
    HubConnections connections,
    SerializedRoomEvents serialized,
    RoomAccess access,
    PresenceService presence,
    CollabMetrics metrics,
    ILogger<HubRoomSubscriptions> logger)
{
    // Indexed by connection first: a disconnect finds its rooms without scanning every connection.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Pump>> _pumps = new(StringComparer.Ordinal);

    /// <summary>Starts delivering a started subscription to a connection, replacing an earlier one for the same room.</summary>
    public async Task AttachAsync(HubCallerContext caller, RoomSubscription subscription)
    {
        if (connections.Find(caller.ConnectionId) is not { } connection)
        {
            // Closed while joining: its disconnect has already detached its rooms, so a pump now would outlive it.
            await subscription.DisposeAsync();
            return;
        }
        var pump = new Pump(subscription);
        var rooms = _pumps.GetOrAdd(connection.ConnectionId, _ => new ConcurrentDictionary<string, Pump>(StringComparer.Ordinal));
        if (rooms.TryRemove(subscription.RoomId, out var previous))
        {
            await previous.StopAsync();
        }
        rooms[subscription.RoomId] = pump;
        pump.Run = Task.Run(() => DeliverAsync(connection, pump));
    }

    /// <summary>Whether the connection may join <paramref name="roomId"/> without holding more than <paramref name="limit"/> rooms.</summary>
    public bool CanJoin(string connectionId, string roomId, int limit) =>
        !_pumps.TryGetValue(connectionId, out var rooms) || rooms.ContainsKey(roomId) || rooms.Count < limit;

    public async Task<bool> DetachAsync(string connectionId, string roomId)
    {
        if (!_pumps.TryGetValue(connectionId, out var rooms) || !rooms.TryRemove(roomId, out var pump))
        {
            return false;
        }
        await pump.StopAsync();
        return true;
    }

    /// <summary>Detaches a closed connection from every room; returns the rooms it was in.</summary>
    public async Task<IReadOnlyList<string>> DetachAllAsync(string connectionId)
    {
        if (!_pumps.TryRemove(connectionId, out var rooms))
        {
            return [];
        }
        foreach (var pump in rooms.Values)
        {
            await pump.StopAsync();
        }
        return [.. rooms.Keys];
    }

    private async Task DeliverAsync(HubConnectionContext connection, Pump pump)
    {
        try
        {
            await foreach (var item in pump.Subscription.Queue.ReadAllAsync(pump.Stopping.Token))
            {
                if (item.IsResync)
                {
                    LogOverflow(logger, connection.ConnectionId, pump.Subscription.RoomId);
                    metrics.Resynced();
                    connection.Abort();
                    return;
                }
                await connection.WriteAsync(serialized.Of(item.Event!), pump.Stopping.Token);
                metrics.EventDelivered();
                if (await LostAccessAsync(connection, item.Event!))
                {
                    await LeaveAsync(connection, pump);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (pump.Stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogDeliveryFailed(logger, e, connection.ConnectionId, pump.Subscription.RoomId);
            connection.Abort();
        }
    }

    private async Task<bool> LostAccessAsync(HubConnectionContext connection, RoomEvent roomEvent) =>
        connection.User?.ToCollabUser() is { } user
        && RoomRights.MayEndAccess(roomEvent, user.UserId)
        && !await access.CanEnterAsync(user, roomEvent.RoomId, CancellationToken.None);

    // From the pump itself, so not through StopAsync (which waits for the pump): unless the connection detached
    // meanwhile (then whoever detached it stops this pump), take the pump out and end the subscription and presence.
    private async Task LeaveAsync(HubConnectionContext connection, Pump pump)
    {
        var roomId = pump.Subscription.RoomId;
        if (!_pumps.TryGetValue(connection.ConnectionId, out var rooms) || !rooms.TryRemove(new KeyValuePair<string, Pump>(roomId, pump)))
        {
            return;
        }
        await pump.Subscription.DisposeAsync();
        var user = connection.User!.RequireCollabUser();
        await presence.LeaveAsync(roomId, new PresenceConnection(connection.ConnectionId, user.UserId, user.UserName), CancellationToken.None);
        LogAccessEnded(logger, connection.ConnectionId, roomId);
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Connection {ConnectionId} no longer may enter room {RoomId}; it left the room")]
    private static partial void LogAccessEnded(ILogger logger, string connectionId, string roomId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Connection {ConnectionId} fell behind in room {RoomId}; aborting it so it resumes")]
    private static partial void LogOverflow(ILogger logger, string connectionId, string roomId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivering to connection {ConnectionId} in room {RoomId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string connectionId, string roomId);

    private sealed class Pump(RoomSubscription subscription)
    {
        public RoomSubscription Subscription { get; } = subscription;

        public CancellationTokenSource Stopping { get; } = new();

        public Task Run { get; set; } = Task.CompletedTask;

        public async Task StopAsync()
        {
            await Subscription.DisposeAsync();
            await Stopping.CancelAsync();
            try
            {
                await Run.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
            }
            Stopping.Dispose();
        }
    }
}
