namespace CollabApp.Core.Events;

/// <summary>Retention of the room streams.</summary>
public sealed class EventLogOptions
{
    /// <summary>Durable events kept per room for replay (<c>Collab__Limits__RetainedEvents</c>).</summary>
    public int RetainedEvents { get; set; } = 10_000;

    /// <summary>
    /// Bytes of durable events (their UTF-8 JSON) kept per room (<c>Collab__Limits__RetainedEventBytes</c>): past it the
    /// oldest are trimmed, as past <see cref="RetainedEvents"/>, so a room of large events (document operations carry
    /// their text) cannot hold RetainedEvents times the largest message. Twice this is a hard ceiling: events the database
    /// has yet to store are never trimmed, so while it is behind, appends that would pass the ceiling are refused.
    /// </summary>
    public long RetainedBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Unstored events a room may hold before appends are refused (<c>unavailable:</c>): the database is behind, and
    /// the log must not fill up with events only it has. Half the retention, so an unstored event is never trimmed.
    /// </summary>
    public int MaxUnstoredEvents => Math.Max(1, RetainedEvents / 2);

    /// <summary>
    /// How long after a room's stream restarts with history in the database (the embedded process restarted, Redis lost
    /// its data) appends with an idempotency key are checked against the database: retries of sends from before the
    /// restart arrive within this time.
    /// </summary>
    public TimeSpan KeyCheckWindow { get; set; } = TimeSpan.FromMinutes(2);
}
