using CollabApp.Core.Chat;

namespace CollabApp.Core.Events;

/// <summary>Builds committed events the same way in every <see cref="IRoomEventLog"/> implementation.</summary>
public static class RoomEvents
{
    /// <summary>
    /// The event as committed under <paramref name="id"/>. Records that carry their own event id (chat
    /// messages, and the id of a message's last change) get it here, because the id exists only once the log has ordered the event.
    /// </summary>
    public static RoomEvent Committed(EventId id, string roomId, string type, DateTimeOffset at, object data)
    {
        var eventId = id.ToString();
        object stamped = data switch
        {
            ChatMessage message => message with { EventId = eventId },
            MessageChange change => change with { Message = change.Message with { ChangeEventId = eventId } },
            _ => data,
        };
        return new RoomEvent(eventId, roomId, type, at, stamped);
    }

    public static RoomEvent Transient(string roomId, string type, DateTimeOffset at, object data) =>
        new(null, roomId, type, at, data);
}
