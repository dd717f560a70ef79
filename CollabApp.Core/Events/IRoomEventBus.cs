namespace CollabApp.Core.Events;

/// <summary>
/// Carries a room's events to every instance. Durable events reach it through <see cref="IRoomEventLog"/>
/// (which publishes as part of its atomic append); transient events (presence, typing, cursors) are
/// published here directly and are never retained.
/// </summary>
public interface IRoomEventBus
{
    Task PublishTransientAsync(RoomEvent roomEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes this instance to one room. The handler sees the room's events in publish order, one at a
    /// time; it must not block for long (it hands events to local queues). <see cref="RoomFanout"/> holds at most
    /// one subscription per room per instance.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string roomId, Func<BusMessage, ValueTask> onEvent, CancellationToken cancellationToken);
}

/// <summary>
/// An event as the bus carries it. A durable event also names the event the log committed just before it in its
/// room (<see cref="Previous"/>; null for the first of a stream that is new or started over), so a subscriber can
/// tell that it missed one: publishing is fire-and-forget, and ids have gaps by design.
/// </summary>
public readonly record struct BusMessage(RoomEvent Event, EventId? Previous);
