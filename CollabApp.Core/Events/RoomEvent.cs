namespace CollabApp.Core.Events;

/// <summary>
/// One event of a room, as every audience (circuits and hub clients) receives it. Durable events
/// (<see cref="RoomEventTypes.IsDurable"/>) carry an <see cref="EventId"/>; transient ones do not.
/// <see cref="Data"/> is the typed record named by <see cref="Type"/> (see <see cref="RoomEventTypes"/>).
/// </summary>
public sealed record RoomEvent(string? EventId, string RoomId, string Type, DateTimeOffset At, object Data)
{
    public bool IsDurable => EventId is not null;

    public EventId? Id => Events.EventId.TryParse(EventId, out var id) ? id : null;
}
