using CollabApp.Core.Chat;
using CollabApp.Core.Documents;

namespace CollabApp.Core.Events;

/// <summary>
/// Writes the durable events the log has ordered into the database, by group commit: the chat messages (their edits and
/// deletions, and the document operations) appended on this instance while the previous write was under way share one multi-row
/// insert, so no request pays a database round trip of its own. A caller is answered when its batch has committed,
/// so "acknowledged" means "in the database"; then the log is told, and stops tracking the events as unstored.
/// Writes are idempotent (by message id, by the change rule of MessageChanges, by revision), so the sweeper may store an event twice.
/// Before each batch is written, the <see cref="IReplicaBarrier"/> confirms its events are on a replica of the log
/// (about one round trip per batch and Redis primary), so nothing reaches the database, and no one is answered, that a
/// failover of the log could take back.
/// </summary>
public sealed class EventPersister
{
    private readonly IRoomEventLog _log;
    private readonly GroupCommit<RoomEvent> _messages;
    private readonly GroupCommit<RoomEvent> _changes;
    private readonly GroupCommit<RoomEvent> _operations;

    public EventPersister(IRoomEventLog log, IChatStore chat, IDocumentStore documents, IReplicaBarrier? replicas = null)
    {
        _log = log;
        var barrier = replicas ?? NoReplicaBarrier.Instance;
        _messages = new GroupCommit<RoomEvent>(async (batch, token) =>
        {
            await barrier.ConfirmAsync(batch, token).ConfigureAwait(false);
            await chat.SaveManyAsync([.. batch.Select(e => (ChatMessage)e.Data)], token).ConfigureAwait(false);
            MarkStored(batch);
        });
        _changes = new GroupCommit<RoomEvent>(async (batch, token) =>
        {
            await barrier.ConfirmAsync(batch, token).ConfigureAwait(false);
            await chat.ApplyChangesAsync([.. batch.Select(e => (MessageChange)e.Data)], token).ConfigureAwait(false);
            MarkStored(batch);
        });
        _operations = new GroupCommit<RoomEvent>(async (batch, token) =>
        {
            await barrier.ConfirmAsync(batch, token).ConfigureAwait(false);
            await documents.SaveOperationsAsync([.. batch.Select(e => new StoredOperation(e.RoomId, (OperationCommitted)e.Data))], token).ConfigureAwait(false);
            MarkStored(batch);
        });
    }

    /// <summary>
    /// Stores a committed event and completes when it is in the database. A failed write is refused with
    /// <see cref="CollabError.Unavailable"/> and a message that says the truth: the event is committed and will be
    /// stored (the sweeper retries it), and a retry with the same id is safe.
    /// </summary>
    public async Task StoreAsync(RoomEvent committed, CancellationToken cancellationToken)
    {
        var write = committed.Data switch
        {
            ChatMessage => _messages.WriteAsync(committed),
            MessageChange => _changes.WriteAsync(committed),
            OperationCommitted => _operations.WriteAsync(committed),
            _ => throw new ArgumentException($"events of type '{committed.Type}' are stored by their service", nameof(committed)),
        };
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
