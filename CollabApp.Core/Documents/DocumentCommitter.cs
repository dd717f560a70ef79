using CollabApp.Core.Events;

namespace CollabApp.Core.Documents;

/// <summary>
/// Commits a batch of submissions to one document: on this instance's copy, under its lock, each submission rebased on
/// the copy's head and on those staged before it, all of them in one compare-and-append. A refusal by the log (another
/// instance moved the head) brings what the copy missed, and the batch is staged again; a submission that cannot be
/// committed (a revision that does not exist, an op that does not fit, a document over its limit) is refused alone.
/// </summary>
internal sealed class DocumentCommitter(IDocumentLog log, DocumentCache cache, DocumentOptions options, TimeProvider time)
{
    private const int MaxCommitAttempts = 64;
    private const int MaxRefusedRounds = 8;

    /// <summary>This instance's copies of the documents, which the commits move on.</summary>
    public DocumentCache Cache => cache;

    /// <summary>Answers every submission of the batch: with its outcome, its refusal, or the failure of the log.</summary>
    public async Task CommitAsync(string roomId, List<DocumentSubmission> batch)
    {
        try
        {
            // First on this instance's copy as it is: the log refuses the commit if another instance moved the head, and
            // the refusal brings what the copy missed (one Redis round trip in the usual case, the compare-and-append itself).
            // The batch is shared, so no caller's token stops it.
            for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
            {
                var answered = attempt == 0
                    ? await cache.WithCachedAsync(roomId, d => TryCommitAsync(roomId, batch, d, mayBeBehind: true), CancellationToken.None)
                    : await cache.WithCurrentAsync(roomId, d => TryCommitAsync(roomId, batch, d, mayBeBehind: false), CancellationToken.None);
                if (answered)
                {
                    return;
                }
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
    // out of the batch; true when none is left, else what is left needs a caught-up copy.
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
                return batch.Count == 0;
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
        return batch.Count == 0;
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

    // The operation rebased on the cached head, or null when the log must be re-read first.
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
}
