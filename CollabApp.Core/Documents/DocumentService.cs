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
    private const int MaxCommitAttempts = 64;
    private const int MaxRefusedRounds = 8;
    private const int MaxBatch = 64;
    private readonly DocumentCache _cache = new(log, store, options, time);
    private readonly PendingSubmissions _pending = new();

    public async Task<DocumentState> OpenAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        return await _cache.ReadAsync(room.RoomId, cancellationToken);
    }

    /// <summary>The document as the room snapshot shows it (rights already checked by the caller).</summary>
    public Task<DocumentState> CurrentAsync(string roomId, CancellationToken cancellationToken) =>
        _cache.ReadAsync(roomId, cancellationToken);

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
            await CommitBatchAsync(room.RoomId, _pending.TakeOrFinish(room.RoomId, MaxBatch));
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
        var current = _cache.KnownRevision(room.RoomId) is { } known && revision <= known
            ? known
            : await _cache.ReadRevisionAsync(room.RoomId, cancellationToken);
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

    // Returns the operation rebased on the cached head, or null when the log must be re-read first.
    private async Task<TextOperation?> TransformToHeadAsync(string roomId, int revision, TextOperation op, CachedDocument document, CancellationToken cancellationToken)
    {
        if (revision < 0 || revision > document.Revision)
        {
            throw CollabError.Invalid($"revision {revision} does not exist (the document is at {document.Revision}).");
        }
        var transformed = op;
        if (revision < document.Revision)
        {
            var concurrentOps = document.RecentAfter(revision);
            if (concurrentOps is null)
            {
                var history = await log.ReadAfterAsync(roomId, revision, cancellationToken);
                if (!history.Seeded)
                {
                    document.Invalidate();
                    return null;
                }
                if (!history.Complete)
                {
                    throw CollabError.Invalid($"revision {revision} is too old: the server no longer keeps the operations after it.");
                }
                concurrentOps = history.Operations;
            }
            foreach (var concurrent in concurrentOps.TakeWhile(o => o.Revision <= document.Revision))
            {
                if (concurrent.Op.BaseLength != transformed.BaseLength)
                {
                    throw CollabError.Invalid($"op spans {transformed.BaseLength} units but the document at revision {concurrent.Revision - 1} has {concurrent.Op.BaseLength}.");
                }
                transformed = TextOt.Transform(concurrent.Op, transformed).BPrime;
            }
        }
        document.Text.EnsureApplicable(transformed);
        if (transformed.TargetLength > options.MaxDocumentLength)
        {
            throw CollabError.TooLarge($"the document would have {transformed.TargetLength} units; the limit is {options.MaxDocumentLength}.");
        }
        return transformed;
    }

    /// <summary>
    /// Keeps this instance's copy of a document current with the operations the room's events bring (registered with
    /// <see cref="RoomFanout.Observe"/>); other events are ignored.
    /// </summary>
    public void FollowCommitted(RoomEvent roomEvent)
    {
        if (roomEvent.Data is OperationCommitted operation)
        {
            _cache.Follow(roomEvent.RoomId, operation);
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
        foreach (var roomId in _cache.QuietChanged(idleFor))
        {
            await _cache.WithCachedIfPresentAsync(roomId, async document =>
            {
                if (document.HasUnsnapshottedChanges && time.GetUtcNow() - document.LastCommitAt >= idleFor)
                {
                    await SnapshotAsync(roomId, document, cancellationToken);
                }
            }, cancellationToken);
        }
    }

    /// <summary>Evicts cached copies unused for <paramref name="idleFor"/> (their changes snapshotted first); returns how many.</summary>
    public int EvictIdleDocuments(TimeSpan idleFor) => _cache.EvictIdle(idleFor);

    /// <summary>The cache's size: copies held and their bytes (for metrics and tests).</summary>
    public (int Documents, long Bytes) CacheSize => (_cache.Count, _cache.Bytes);

    private async Task CommitWaitingAsync(string roomId)
    {
        while (_pending.TakeOrFinish(roomId, MaxBatch) is { Count: > 0 } batch)
        {
            await CommitBatchAsync(roomId, batch);
        }
    }

    // Answers every submission of the batch: with its outcome, its refusal, or the failure of the log.
    private async Task CommitBatchAsync(string roomId, List<DocumentSubmission> batch)
    {
        try
        {
            // First on this instance's copy as it is: the log refuses the commit if another instance moved the head, and
            // the refusal brings what the copy missed (one Redis round trip in the usual case, the compare-and-append itself).
            // The batch is shared, so no caller's token stops it.
            for (var attempt = 0; attempt < MaxCommitAttempts && batch.Count > 0; attempt++)
            {
                _ = attempt == 0
                    ? await _cache.WithCachedAsync(roomId, d => TryCommitAsync(roomId, batch, d, mayBeBehind: true), CancellationToken.None)
                    : await _cache.WithCurrentAsync(roomId, d => TryCommitAsync(roomId, batch, d, mayBeBehind: false), CancellationToken.None);
            }
            foreach (var submission in batch)
            {
                submission.Done.TrySetException(CollabError.Unavailable("the document is too busy; try again."));
            }
        }
        catch (Exception failure)
        {
            foreach (var submission in batch)
            {
                submission.Done.TrySetException(failure);
            }
        }
    }

    // One attempt under this instance's lock of the document: answers the submissions it commits or refuses and takes them
    // out of the batch; what is left needs a caught-up copy.
    private async Task<bool> TryCommitAsync(string roomId, List<DocumentSubmission> batch, CachedDocument document, bool mayBeBehind)
    {
        if (mayBeBehind && batch.Any(s => s.Revision > document.Revision))
        {
            // Based on a revision this copy has not reached: it is behind the log, or the revision does not exist,
            // which the caught-up attempt says.
            return false;
        }
        // A refusal brings the operations this copy missed: it catches up with them and tries again, still holding the copy,
        // so a race with another instance costs one more compare-and-append and no read.
        for (var round = 0; round < MaxRefusedRounds && batch.Count > 0; round++)
        {
            var staged = await StageAsync(roomId, batch, document);
            if (staged is null)
            {
                return false;
            }
            if (staged.Count == 0)
            {
                return true;
            }
            var at = time.GetUtcNow();
            var commit = await log.TryCommitAsync(roomId, document.Revision, [.. staged.Select(s => s.Operation)], at, CancellationToken.None);
            switch (commit.Status)
            {
                case DocumentCommitStatus.Committed:
                    for (var i = 0; i < commit.EventIds!.Count; i++)
                    {
                        var (submission, committed) = staged[i];
                        submission.Done.TrySetResult(Applied(roomId, document, committed, commit.EventIds[i], at));
                        batch.Remove(submission);
                    }
                    continue;
                case DocumentCommitStatus.Duplicate:
                    var repeated = staged[commit.DuplicateIndex].Submission;
                    var first = await log.ReadAfterAsync(roomId, commit.Revision - 1, CancellationToken.None);
                    var earlier = first.Complete && first.Operations.Count > 0 ? first.Operations[0] : null;
                    repeated.Done.TrySetResult(new SubmitOutcome(commit.Revision, null, earlier, null));
                    batch.Remove(repeated);
                    continue;
                case DocumentCommitStatus.NotSeeded:
                    document.Invalidate();
                    return false;
                case DocumentCommitStatus.Stale when commit.Missed is { Seeded: true, Complete: true } missed && document.CatchUpWith(missed.Operations):
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    // Each submission rebased on the copy's head and on the ones staged before it, at the revisions they would take; a
    // submission that cannot be (a revision that does not exist, an op that does not fit, a document over its limit) is
    // refused and taken out of the batch. Null when the log must be re-read first.
    private async Task<List<(DocumentSubmission Submission, OperationCommitted Operation)>?> StageAsync(
        string roomId, List<DocumentSubmission> batch, CachedDocument document)
    {
        var staged = new List<(DocumentSubmission Submission, OperationCommitted Operation)>(batch.Count);
        foreach (var submission in batch.ToList())
        {
            TextOperation? transformed;
            try
            {
                transformed = await TransformToHeadAsync(roomId, submission.Revision, submission.Op, document, CancellationToken.None);
                if (transformed is null)
                {
                    return null;
                }
                foreach (var (_, before) in staged)
                {
                    transformed = TextOt.Transform(before.Op, transformed).BPrime;
                }
                if (transformed.TargetLength > options.MaxDocumentLength)
                {
                    throw CollabError.TooLarge($"the document would have {transformed.TargetLength} units; the limit is {options.MaxDocumentLength}.");
                }
            }
            catch (CollabError refusal) when (refusal.Code != CollabErrorCode.Unavailable)
            {
                submission.Done.TrySetException(refusal);
                batch.Remove(submission);
                continue;
            }
            staged.Add((submission, new OperationCommitted(document.Revision + staged.Count + 1, transformed, submission.User.UserId, submission.ClientOpId)));
        }
        return staged;
    }

    // The copy moves on with a committed operation; every SnapshotEvery revisions its text is due for the database.
    private SubmitOutcome Applied(string roomId, CachedDocument document, OperationCommitted committed, Events.EventId eventId, DateTimeOffset at)
    {
        document.Apply(committed);
        document.LastCommitAt = at;
        var snapshot = committed.Revision % options.SnapshotEvery == 0 ? new DocumentState(document.Revision, document.Text.ToString()) : null;
        if (snapshot is not null)
        {
            document.SnapshotRevision = snapshot.Revision;
        }
        return new SubmitOutcome(committed.Revision, RoomEvents.Committed(eventId, roomId, DocumentEventTypes.Operation, at, committed), null, snapshot);
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
