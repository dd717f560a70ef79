using System.Collections.Frozen;

namespace CollabApp.Core.Events;

/// <summary>
/// Writes the durable events the log has ordered into the database, by group commit: the events of one type (chat
/// messages, their edits and deletions, document operations: each stored by the <see cref="IEventPersistence"/> its
/// feature registered) appended on this instance while the previous write was under way share one multi-row insert, so
/// no request pays a database round trip of its own. A caller is answered when its batch has committed,
/// so "acknowledged" means "in the database"; then the log is told, and stops tracking the events as unstored.
/// Writes are idempotent (each persistence promises it), so the sweeper may store an event twice.
/// Before each batch is written, the <see cref="IReplicaBarrier"/> confirms its events are on a replica of the log
/// (about one round trip per batch and Redis primary), so nothing reaches the database, and no one is answered, that a
/// failover of the log could take back.
/// </summary>
public sealed class EventPersister
{
    private readonly IRoomEventLog _log;
    private readonly FrozenDictionary<string, GroupCommit<RoomEvent>> _byType;

    /// <param name="persistences">One per durable type that this persister stores, registered by the feature that owns the type.</param>
    public EventPersister(IRoomEventLog log, IEnumerable<IEventPersistence> persistences, IReplicaBarrier? replicas = null)
    {
        _log = log;
        var barrier = replicas ?? NoReplicaBarrier.Instance;
        _byType = persistences.ToFrozenDictionary(
            p => p.EventType,
            p => new GroupCommit<RoomEvent>(async (batch, token) =>
            {
                await barrier.ConfirmAsync(batch, token).ConfigureAwait(false);
                await p.SaveAsync(batch, token).ConfigureAwait(false);
                MarkStored(batch);
            }),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Stores a committed event and completes when it is in the database. A failed write is refused with
    /// <see cref="CollabError.Unavailable"/> and a message that says the truth: the event is committed and will be
    /// stored (the sweeper retries it), and a retry with the same id is safe.
    /// </summary>
    public async Task StoreAsync(RoomEvent committed, CancellationToken cancellationToken)
    {
        var write = _byType.TryGetValue(committed.Type, out var commit)
            ? commit.WriteAsync(committed)
            : throw new ArgumentException($"events of type '{committed.Type}' are stored by their service", nameof(committed));
        try
        {
            await write.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException and not CollabError)
        {
            throw CollabError.Unavailable(
                "it is committed and visible to the room but not saved yet; the server keeps trying to save it, and a retry with the same id is safe.");
        }
    }

    // Off the answer's path: if this is lost, the sweeper stores the events again (idempotently) and marks them.
    private void MarkStored(IReadOnlyList<RoomEvent> batch)
    {
        foreach (var room in batch.GroupBy(e => e.RoomId))
        {
            _ = _log.MarkStoredAsync(room.Key, [.. room.Select(e => e.Id!.Value)], CancellationToken.None)
                .ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }
}
