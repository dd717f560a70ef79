using CollabApp.Core.Events;
using CollabApp.Core.Rooms;

namespace CollabApp.Core.Documents;

/// <summary>
/// The shared document's server side. A submission at base revision r is transformed against the
/// operations committed after r, then committed at the next revision by the log's compare-and-append; a
/// lost race catches up and retries. The submissions that arrive on an instance while its last commit of the document
/// is under way are committed together, in one compare-and-append (<see cref="PendingSubmissions"/>). Any instance
/// accepts operations for any document: each keeps a cached copy that it brings up to date from the log, and no
/// instance owns a document.
/// </summary>
public sealed class DocumentService(
    RoomAccess access,
    IDocumentLog log,
    IDocumentStore store,
    EventPersister persister,
    IRoomEventBus bus,
    DocumentOptions options,
    TimeProvider time)
{
    private const int MaxBatch = 64;
    private readonly DocumentCommitter _committer = new(log, new DocumentCache(log, store, options, time), options, time);
    private readonly PendingSubmissions _pending = new();

    private DocumentCache Cache => _committer.Cache;

    public async Task<DocumentState> OpenAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        return await Cache.ReadAsync(room.RoomId, cancellationToken);
    }

    /// <summary>The document as the room snapshot shows it (rights already checked by the caller).</summary>
    public Task<DocumentState> CurrentAsync(string roomId, CancellationToken cancellationToken) =>
        Cache.ReadAsync(roomId, cancellationToken);

    /// <summary>
    /// The operations committed after <paramref name="afterRevision"/>, in order; null when the log no longer has
    /// all of them (the caller then starts over from the current text).
    /// </summary>
    public async Task<IReadOnlyList<OperationCommitted>?> ReadAfterAsync(CollabUser user, string? roomId, int afterRevision, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (afterRevision < 0)
        {
            throw CollabError.Invalid("revision must not be negative.");
        }
        var history = await log.ReadAfterAsync(room.RoomId, afterRevision, cancellationToken);
        return history is { Seeded: true, Complete: true } ? history.Operations : null;
    }

    /// <summary>
    /// Commits <paramref name="op"/> (based on <paramref name="revision"/>) and returns the revision it became. The
    /// log's compare-and-append orders it and finds retries (by client op id); the answer waits for the group-committed
    /// database write, made after this instance's copy of the document is released, so concurrent submitters share
    /// the write instead of queueing behind it.
    /// </summary>
    public async Task<int> SubmitAsync(CollabUser user, string? roomId, int revision, TextOperation? op, string? clientOpId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (!InputRules.IsValidClientId(clientOpId))
        {
            throw CollabError.Invalid("clientOpId must be a UUID.");
        }
        if (op is null)
        {
            throw CollabError.Invalid("op is required.");
        }
        var submission = new DocumentSubmission(user, revision, op, clientOpId!);
        if (_pending.Add(room.RoomId, submission))
        {
            // This caller commits what waits, its own submission first, and hands on whatever arrives meanwhile, so that its
            // own answer never waits for later submitters.
            await _committer.CommitAsync(room.RoomId, _pending.TakeOrFinish(room.RoomId, MaxBatch));
            if (!_pending.FinishIfIdle(room.RoomId))
            {
                _ = Task.Run(() => CommitWaitingAsync(room.RoomId), CancellationToken.None);
            }
        }
        var outcome = await submission.Done.Task.WaitAsync(cancellationToken);
        await StoreAsync(room.RoomId, outcome, cancellationToken);
        return outcome.Revision;
    }

    public async Task UpdateCursorAsync(CollabUser user, string? roomId, int revision, int anchor, int head, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        // Cursor updates are frequent: only a revision newer than this instance's copy costs a log read.
        var current = Cache.KnownRevision(room.RoomId) is { } known && revision <= known
            ? known
            : await Cache.ReadRevisionAsync(room.RoomId, cancellationToken);
        if (revision < 0 || revision > current)
        {
            throw CollabError.Invalid($"revision {revision} does not exist (the document is at {current}).");
        }
        if (anchor < 0 || head < 0 || anchor > options.MaxDocumentLength || head > options.MaxDocumentLength)
        {
            throw CollabError.Invalid("anchor and head must be positions in the document.");
        }
        await bus.PublishTransientAsync(
            RoomEvents.Transient(room.RoomId, DocumentEventTypes.Cursor, time.GetUtcNow(), new CursorMoved(user.UserId, user.UserName, revision, anchor, head)),
            cancellationToken);
    }

    /// <summary>
    /// Keeps this instance's copy of a document current with the operations the room's events bring (registered with
    /// <see cref="RoomFanout.Observe"/>); other events are ignored.
    /// </summary>
    public void FollowCommitted(RoomEvent roomEvent)
    {
        if (roomEvent.Data is OperationCommitted operation)
        {
            Cache.Follow(roomEvent.RoomId, operation);
        }
    }

    /// <summary>
    /// Snapshots the documents this instance changed that have been quiet for <paramref name="idleFor"/>, so
    /// a restart starts from their latest text instead of replaying the operations since the last
    /// every-K snapshot. Only those are touched: the copy is snapshotted as this instance has it (its text at its
    /// revision), with no read of the log; unchanged documents cost nothing.
    /// </summary>
    public async Task SnapshotIdleAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        foreach (var roomId in Cache.QuietChanged(idleFor))
        {
            await Cache.WithCachedIfPresentAsync(roomId, async document =>
            {
                if (document.HasUnsnapshottedChanges && time.GetUtcNow() - document.LastCommitAt >= idleFor)
                {
                    await SnapshotAsync(roomId, document, cancellationToken);
                }
            }, cancellationToken);
        }
    }

    /// <summary>Evicts cached copies unused for <paramref name="idleFor"/> (their changes snapshotted first); returns how many.</summary>
    public int EvictIdleDocuments(TimeSpan idleFor) => Cache.EvictIdle(idleFor);

    /// <summary>The cache's size: copies held and their bytes (for metrics and tests).</summary>
    public (int Documents, long Bytes) CacheSize => (Cache.Count, Cache.Bytes);

    private async Task CommitWaitingAsync(string roomId)
    {
        while (_pending.TakeOrFinish(roomId, MaxBatch) is { Count: > 0 } batch)
        {
            await _committer.CommitAsync(roomId, batch);
        }
    }

    private async Task StoreAsync(string roomId, SubmitOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Committed is { } committed)
        {
            await persister.StoreAsync(committed, cancellationToken);
        }
        else if (outcome.Duplicate is { } duplicate)
        {
            // A retry of an op committed earlier: make sure the first commit reached the database too (its instance may
            // have died between the log and the database; the sweeper would store it as well, later).
            await store.SaveOperationsAsync([new StoredOperation(roomId, duplicate)], cancellationToken);
        }
        if (outcome.Snapshot is { } snapshot)
        {
            await store.SaveSnapshotAsync(roomId, snapshot, cancellationToken);
        }
    }

    private async Task SnapshotAsync(string roomId, CachedDocument document, CancellationToken cancellationToken)
    {
        await store.SaveSnapshotAsync(roomId, new DocumentState(document.Revision, document.Text.ToString()), cancellationToken);
        document.SnapshotRevision = document.Revision;
    }

}
