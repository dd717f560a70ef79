namespace CollabApp.Core.Events;

/// <summary>
/// Event data that carries the id of its own event (a chat message; the last change of a message). The id exists only
/// once the log has ordered the event, so <see cref="RoomEvents.Committed"/> stamps it in, in every log implementation.
/// </summary>
public interface ICarriesEventId
{
    /// <summary>This data as committed under <paramref name="eventId"/> (the wire form of an <see cref="EventId"/>).</summary>
    object WithEventId(string eventId);
}
