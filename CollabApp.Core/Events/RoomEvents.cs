namespace CollabApp.Core.Events;

/// <summary>Builds committed events the same way in every <see cref="IRoomEventLog"/> implementation.</summary>
public static class RoomEvents
{
    /// <summary>
    /// The event as committed under <paramref name="id"/>. Data that carries its own event id (<see cref="ICarriesEventId"/>)
    /// gets it here, because the id exists only once the log has ordered the event.
    /// </summary>
    public static RoomEvent Committed(EventId id, string roomId, string type, DateTimeOffset at, object data)
    {
        var eventId = id.ToString();
        var stamped = data is ICarriesEventId carrier ? carrier.WithEventId(eventId) : data;
        return new RoomEvent(eventId, roomId, type, at, stamped);
    }

    public static RoomEvent Transient(string roomId, string type, DateTimeOffset at, object data) =>
        new(null, roomId, type, at, data);
}
