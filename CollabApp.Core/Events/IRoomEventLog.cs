namespace CollabApp.Core.Events;

/// <summary>
/// The ordered, retained stream of a room's durable events. Appending assigns the next
/// <see cref="EventId"/>, retains the event (at least the newest <c>RetainedEvents</c>) and publishes it
/// to every instance's <see cref="IRoomEventBus"/> subscribers, atomically, so publish order is commit order.
/// </summary>
public interface IRoomEventLog
{
    /// <summary>
    /// Commits a durable event. With an idempotency key already used in this room, commits nothing and
    /// returns the first event (<see cref="AppendResult.IsDuplicate"/>).
    /// </summary>
    Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken);

    /// <summary>The retained events after <paramref name="after"/>, or "not resumable" when some are gone.</summary>
    Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken);

    /// <summary>The id of the room's newest durable event, or null for a room without any.</summary>
    Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken);
}

/// <summary>A durable event to commit; <paramref name="IdempotencyKey"/> makes a retry commit nothing new.</summary>
public sealed record AppendRequest(string RoomId, string Type, object Data, DateTimeOffset At, string? IdempotencyKey);

/// <summary>The committed event, and whether it was committed earlier under the same idempotency key.</summary>
public sealed record AppendResult(RoomEvent Event, bool IsDuplicate);

/// <summary>
/// Replay of a room's stream. <see cref="Resumable"/> is false when the requested id was never issued in
/// this room or when events after it are no longer retained; the caller then sends a snapshot.
/// </summary>
public sealed record ReplayResult(bool Resumable, IReadOnlyList<RoomEvent> Events)
{
    public static ReplayResult NotResumable { get; } = new(false, []);
}
