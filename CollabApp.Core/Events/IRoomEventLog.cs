namespace CollabApp.Core.Events;

/// <summary>
/// The ordered, retained stream of a room's durable events. Appending assigns the next <see cref="EventId"/>,
/// retains the event (at least the newest <c>RetainedEvents</c>) and publishes it to every instance's
/// <see cref="IRoomEventBus"/> subscribers, atomically, so publish order is commit order.
/// <para>
/// The log orders; the database keeps. An event appended with <see cref="AppendRequest.AwaitsStore"/> stays
/// <em>unstored</em> until <see cref="MarkStoredAsync"/>: the log never trims it, snapshots do not claim it
/// (<see cref="ReadSnapshotPointAsync"/>), and <see cref="ReadUnstoredAsync"/> hands it to whichever instance
/// sweeps, so an event whose writer died is stored all the same.
/// </para>
/// </summary>
public interface IRoomEventLog
{
    /// <summary>
    /// Commits a durable event. With an idempotency key already used in this room, commits nothing and returns the
    /// first event (<see cref="AppendOutcome.Duplicate"/>). Refused with <see cref="CollabError.Unavailable"/> while
    /// the room has <see cref="EventLogOptions.MaxUnstoredEvents"/> unstored events (the database is behind).
    /// </summary>
    Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken);

    /// <summary>The retained events after <paramref name="after"/>, or "not resumable" when some are gone.</summary>
    Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken);

    /// <summary>The id of the room's newest durable event, or null for a room without any.</summary>
    Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>
    /// Where a snapshot read from the database may start: every event up to <see cref="SnapshotPoint.StoredUpTo"/> is
    /// stored, and <see cref="SnapshotPoint.Later"/> holds every retained event after it (some may be stored too).
    /// </summary>
    Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Records that the database now holds these events (idempotent).</summary>
    Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> unstored events appended before <paramref name="appendedBefore"/>, over all rooms.</summary>
    Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// A durable event to commit; <paramref name="IdempotencyKey"/> makes a retry commit nothing new.
/// <paramref name="AwaitsStore"/>: the event is written to the database after the append (chat messages,
/// document operations), so the log tracks it until it is stored.
/// <paramref name="KeysChecked"/>: the caller has looked the key up in the database (see
/// <see cref="AppendOutcome.KeysUnverified"/>); null when it has not.
/// </summary>
public sealed record AppendRequest(
    string RoomId,
    string Type,
    object Data,
    DateTimeOffset At,
    string? IdempotencyKey,
    bool AwaitsStore = false,
    KeysChecked? KeysChecked = null);

/// <summary>The caller's answer to <see cref="AppendOutcome.KeysUnverified"/>: the key is not in the database, and whether the room has any history there.</summary>
public sealed record KeysChecked(bool RoomHasHistory);

public enum AppendOutcome
{
    Committed,
    /// <summary>The idempotency key was used before; nothing was committed and the result is the first event.</summary>
    Duplicate,
    /// <summary>
    /// Nothing was committed: the room's stream is new or restarted recently (the embedded process restarted, or Redis
    /// lost its data), so it cannot vouch for keys used before. Look the key up in the database, then append again
    /// with <see cref="AppendRequest.KeysChecked"/>.
    /// </summary>
    KeysUnverified,
}

/// <summary>The outcome of an append and, unless <see cref="AppendOutcome.KeysUnverified"/>, the event.</summary>
public sealed record AppendResult(AppendOutcome Outcome, RoomEvent? CommittedEvent)
{
    public bool IsDuplicate => Outcome == AppendOutcome.Duplicate;

    public static AppendResult KeysUnverified { get; } = new(AppendOutcome.KeysUnverified, null);

    /// <summary>The committed (or first) event; there is none when the outcome is <see cref="AppendOutcome.KeysUnverified"/>.</summary>
    public RoomEvent Event => CommittedEvent ?? throw new InvalidOperationException("the append committed nothing: its keys were unverified.");
}

/// <summary>
/// Replay of a room's stream. <see cref="Resumable"/> is false when the requested id was never issued in
/// this room or when events after it are no longer retained; the caller then sends a snapshot.
/// </summary>
public sealed record ReplayResult(bool Resumable, IReadOnlyList<RoomEvent> Events)
{
    public static ReplayResult NotResumable { get; } = new(false, []);
}

/// <summary>The newest event id the database is known to hold all of (null: none yet), and the retained events after it.</summary>
public sealed record SnapshotPoint(EventId? StoredUpTo, IReadOnlyList<RoomEvent> Later);
