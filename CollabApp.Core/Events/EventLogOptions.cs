namespace CollabApp.Core.Events;

/// <summary>Retention of the room streams.</summary>
public sealed class EventLogOptions
{
    /// <summary>Durable events kept per room for replay (<c>Collab__Limits__RetainedEvents</c>).</summary>
    public int RetainedEvents { get; set; } = 10_000;
}
