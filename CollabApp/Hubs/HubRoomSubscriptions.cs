using System.Collections.Concurrent;
using CollabApp.Core.Events;
using CollabApp.Core.Sessions;
using CollabApp.Observability;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// How hub clients receive room events. Every instance gets each room's events once from the room bus
/// (<see cref="RoomFanout"/>) and writes them to its OWN connections, one bounded queue and one pump per
/// (connection, room). Events are therefore never routed through the SignalR Redis backplane, so no connection can
/// get an event twice, and browser circuits, fed by the same fan-out, see the same order. Each event is serialised
/// once per instance and hub protocol (<see cref="SerializedRoomEvents"/>), not once per connection. What to deliver,
/// and when to stop, the connection's <see cref="RoomSession"/> decides, as it does for browser circuits; the pump writes.
/// A connection that falls behind by a whole queue is aborted: its client reconnects and resumes with
/// <c>JoinRoom(room, lastEventId)</c>, which replays exactly what it missed.
/// A connection whose right to the room ends (it was removed from the members, or the room was deleted) gets that
/// event and then nothing more from the room: it leaves the room as if it had called <c>LeaveRoom</c>.
/// </summary>
public sealed partial class HubRoomSubscriptions(
    HubConnections connections,
    SerializedRoomEvents serialized,
    CollabMetrics metrics,
    ILogger<HubRoomSubscriptions> logger)
{
    // A stop gives up on a delivery stuck in a write after this long; the delivery ends when its write does.
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    // Indexed by connection first: a disconnect finds its rooms without scanning every connection.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubRoomPump>> _pumps = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts delivering an opened session to its connection, in place of an earlier one for the same room (a resuming
    /// client), which stops and leaves its presence to the new one.
    /// </summary>
    public async Task AttachAsync(HubCallerContext caller, RoomSession session)
    {
        if (connections.Find(caller.ConnectionId) is not { } connection)
        {
            // Closed while joining: its disconnect has already left its rooms, so a pump now would outlive it.
            await session.LeaveAsync();
            return;
        }
        var pump = new HubRoomPump(session, StopWait);
        var rooms = _pumps.GetOrAdd(connection.ConnectionId, _ => new ConcurrentDictionary<string, HubRoomPump>(StringComparer.Ordinal));
        if (rooms.TryRemove(session.Room.RoomId, out var previous))
        {
            await StopAsync(connection.ConnectionId, previous);
        }
        rooms[session.Room.RoomId] = pump;
        // A disconnect aborts the connection before OnDisconnectedAsync leaves its rooms, and the connection stays known
        // until after that: a join finishing meanwhile may have added its pump after the leave took the connection's
        // rooms (or to a dictionary of its own). Looked at after adding, so either the leave takes the pump or this does.
        if (caller.ConnectionAborted.IsCancellationRequested)
        {
            await TakeBackAsync(connection.ConnectionId, rooms, pump);
            return;
        }
        pump.Start(() => DeliverAsync(connection, pump));
    }

    /// <summary>Whether the connection may join <paramref name="roomId"/> without holding more than <paramref name="limit"/> rooms.</summary>
    public bool CanJoin(string connectionId, string roomId, int limit) =>
        !_pumps.TryGetValue(connectionId, out var rooms) || rooms.ContainsKey(roomId) || rooms.Count < limit;

    /// <summary>Stops delivering the room to the connection and leaves it (nothing when the connection is not in it).</summary>
    public async Task LeaveAsync(string connectionId, string roomId)
    {
        if (_pumps.TryGetValue(connectionId, out var rooms) && rooms.TryRemove(roomId, out var pump))
        {
            await StopAndLeaveAsync(connectionId, [pump]);
        }
    }

    /// <summary>Leaves every room of a closed connection: every pump stops before any presence is ended.</summary>
    public async Task LeaveAllAsync(string connectionId)
    {
        if (!_pumps.TryRemove(connectionId, out var rooms))
        {
            return;
        }
        // One by one, as an attach that finds the connection aborted takes its own pump back: each is left once.
        var taken = new List<HubRoomPump>();
        foreach (var roomId in rooms.Keys)
        {
            if (rooms.TryRemove(roomId, out var pump))
            {
                taken.Add(pump);
            }
        }
        await StopAndLeaveAsync(connectionId, taken);
    }

    // An attach to an aborted connection: unless its disconnect took the pump already, take it out and leave. An empty
    // dictionary goes too; a later attach to the dead connection would find the connection aborted as well.
    private async Task TakeBackAsync(string connectionId, ConcurrentDictionary<string, HubRoomPump> rooms, HubRoomPump pump)
    {
        if (rooms.TryRemove(new KeyValuePair<string, HubRoomPump>(pump.Session.Room.RoomId, pump)))
        {
            await StopAndLeaveAsync(connectionId, [pump]);
        }
        if (rooms.IsEmpty)
        {
            _pumps.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubRoomPump>>(connectionId, rooms));
        }
    }

    // Every room is attempted: a store that is down fails one room's leave, and that room's entry expires with the TTL,
    // while the others still end now.
    private async Task StopAndLeaveAsync(string connectionId, IReadOnlyList<HubRoomPump> pumps)
    {
        foreach (var pump in pumps)
        {
            await StopAsync(connectionId, pump);
        }
        foreach (var pump in pumps)
        {
            await LeaveSessionAsync(connectionId, pump.Session);
        }
    }

    private async Task StopAsync(string connectionId, HubRoomPump pump)
    {
        try
        {
            await pump.StopAsync();
        }
        catch (Exception e)
        {
            LogLeaveFailed(logger, e, connectionId, pump.Session.Room.RoomId);
        }
    }

    private async Task LeaveSessionAsync(string connectionId, RoomSession session)
    {
        try
        {
            await session.LeaveAsync();
        }
        catch (Exception e)
        {
            LogLeaveFailed(logger, e, connectionId, session.Room.RoomId);
        }
    }

    private async Task DeliverAsync(HubConnectionContext connection, HubRoomPump pump)
    {
        var session = pump.Session;
        try
        {
            await foreach (var roomEvent in session.ReadAsync(pump.Stopping))
            {
                await connection.WriteAsync(serialized.Of(roomEvent), pump.Stopping);
                metrics.EventDelivered();
            }
            switch (session.End)
            {
                case RoomSessionEnd.ResyncNeeded:
                    // The client reconnects and resumes with JoinRoom(room, lastEventId).
                    LogOverflow(logger, connection.ConnectionId, session.Room.RoomId);
                    metrics.Resynced();
                    connection.Abort();
                    break;
                case RoomSessionEnd.AccessEnded:
                    await LeaveFromPumpAsync(connection.ConnectionId, pump);
                    break;
            }
        }
        catch (OperationCanceledException) when (pump.Stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogDeliveryFailed(logger, e, connection.ConnectionId, session.Room.RoomId);
            connection.Abort();
        }
    }

    // From the pump itself, so not through StopAsync (which waits for the pump): unless the connection left the room
    // meanwhile (then whoever took the pump out stops it), take the pump out and leave.
    private async Task LeaveFromPumpAsync(string connectionId, HubRoomPump pump)
    {
        var roomId = pump.Session.Room.RoomId;
        if (!_pumps.TryGetValue(connectionId, out var rooms) || !rooms.TryRemove(new KeyValuePair<string, HubRoomPump>(roomId, pump)))
        {
            return;
        }
        await LeaveSessionAsync(connectionId, pump.Session);
        LogAccessEnded(logger, connectionId, roomId);
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Connection {ConnectionId} could not leave room {RoomId} cleanly; its presence expires instead")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, string connectionId, string roomId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Connection {ConnectionId} no longer may enter room {RoomId}; it left the room")]
    private static partial void LogAccessEnded(ILogger logger, string connectionId, string roomId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Connection {ConnectionId} fell behind in room {RoomId}; aborting it so it resumes")]
    private static partial void LogOverflow(ILogger logger, string connectionId, string roomId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivering to connection {ConnectionId} in room {RoomId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string connectionId, string roomId);
}
