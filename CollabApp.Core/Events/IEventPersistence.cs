namespace CollabApp.Core.Events;

/// <summary>
/// How the events of one durable type reach the database, registered by the feature that owns the type and used by
/// <see cref="EventPersister"/>'s group commit. A write must be idempotent: the sweeper may store an event twice.
/// </summary>
public interface IEventPersistence
{
    /// <summary>The wire name of the events this stores (<see cref="RoomEventType.Name"/>).</summary>
    string EventType { get; }

    /// <summary>Stores a batch of committed events of <see cref="EventType"/>, in one database round trip where the store allows.</summary>
    Task SaveAsync(IReadOnlyList<RoomEvent> batch, CancellationToken cancellationToken);
}
