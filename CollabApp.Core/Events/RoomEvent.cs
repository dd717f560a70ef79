namespace CollabApp.Core.Events;

/// <summary>
/// One event of a room, as every audience (circuits and hub clients) receives it. Durable events (ordered by the
/// <see cref="IRoomEventLog"/>) carry an <see cref="EventId"/>; transient ones do not.
/// <see cref="Data"/> is the typed record named by <see cref="Type"/> (the <see cref="RoomEventType"/> its feature registered).
/// </summary>
public sealed record RoomEvent(string? EventId, string RoomId, string Type, DateTimeOffset At, object Data)
{
    /// <summary>The stream id as the wire carries it; <see cref="Id"/> is the same id parsed, kept in step by this setter.</summary>
    public string? EventId
    {
        get;
        init
        {
            field = value;
            Id = Parse(value);
        }
    } = EventId;

    /// <summary>
    /// Parsed once, when the event is made: every instance compares the ids of every event (chain checks, queue dedup,
    /// snapshot coverage), which used to parse the string at each comparison.
    /// </summary>
    public EventId? Id { get; private init; } = Parse(EventId);

    public bool IsDurable => EventId is not null;

    private static EventId? Parse(string? eventId) => Events.EventId.TryParse(eventId, out var id) ? id : null;
}
