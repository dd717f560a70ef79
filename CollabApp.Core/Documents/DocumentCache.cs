using System.Collections.Concurrent;

namespace CollabApp.Core.Documents;

/// <summary>
/// This instance's documents, each brought up to the log's head before use: from the newest database
/// snapshot, then the database's operations if the log no longer has them, then the log's. When the log
/// knows nothing of a document (a restart, or Redis lost its data), it is seeded from the database.
/// The copies are only a cache (the log and the database hold every document), so they are bounded: over
/// <see cref="DocumentOptions.CacheBudgetBytes"/> the least recently used are evicted, and copies unused for
/// <see cref="DocumentOptions.CacheIdleSeconds"/> go too (<see cref="EvictIdle"/>); a copy in use or awaited never
/// is. An evicted document is simply loaded again on its next use.
/// </summary>
internal sealed class DocumentCache(IDocumentLog log, IDocumentStore store, DocumentOptions options, TimeProvider time)
{
    private const int MaxCatchUpRounds = 8;
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);
    private long _bytes;
    private int _evicting;

    /// <summary>What the cached copies cost in memory, as counted after each use.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _documents.Count;

    public Task<DocumentState> ReadAsync(string roomId, CancellationToken cancellationToken) =>
        WithCurrentAsync(roomId, document => Task.FromResult(new DocumentState(document.Revision, document.Text.ToString())), cancellationToken);

    /// <summary>
    /// The revision this instance's copy has reached, without touching the log (null when it holds none).
    /// Revisions only grow, so anything at or below it exists; a cursor check needs no more.
    /// </summary>
    public int? KnownRevision(string roomId) =>
        _documents.TryGetValue(roomId, out var document) && document.Loaded ? document.Revision : null;

    public Task<int> ReadRevisionAsync(string roomId, CancellationToken cancellationToken) =>
        WithCurrentAsync(roomId, document => Task.FromResult(document.Revision), cancellationToken);

    /// <summary>Runs <paramref name="action"/> on the up-to-date document, alone among this instance's users of it.</summary>
    public Task<T> WithCurrentAsync<T>(string roomId, Func<CachedDocument, Task<T>> action, CancellationToken cancellationToken) =>
        WithDocumentAsync(roomId, action, catchUp: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> on this instance's copy as it is (loaded, but perhaps behind the log), alone among
    /// its users: for a commit attempt that the log's compare-and-append will refuse if the copy is behind, so the usual
    /// case costs no read of the log.
    /// </summary>
    public Task<T> WithCachedAsync<T>(string roomId, Func<CachedDocument, Task<T>> action, CancellationToken cancellationToken) =>
        WithDocumentAsync(roomId, action, catchUp: false, cancellationToken);

    private async Task<T> WithDocumentAsync<T>(string roomId, Func<CachedDocument, Task<T>> action, bool catchUp, CancellationToken cancellationToken)
    {
        var document = Lease(roomId);
        try
        {
            return await UnderGateAsync(document, async () =>
            {
                document.ApplyHeard();
                if (catchUp || !document.Loaded)
                {
                    await CatchUpAsync(roomId, document, cancellationToken).ConfigureAwait(false);
                }
                // Counted before the action too: a long one (a commit waiting on the log) holds a loaded copy meanwhile.
                Account(document);
                return await action(document).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EndLease(document);
        }
    }

    /// <summary>
    /// Moves a cached copy on with an operation committed elsewhere, as the room's events bring it, so that the next
    /// submission here usually meets a copy at the log's head and commits in one round trip. Applied now if no one
    /// holds the copy, else by its next holder (<see cref="CachedDocument.ApplyHeard"/>); only operations that continue
    /// the copy are applied, anything past a gap is left to the catch-up, so a copy is never wrong, at worst behind.
    /// Following is not a use: it keeps no copy from eviction.
    /// </summary>
    public void Follow(string roomId, OperationCommitted operation)
    {
        if (!_documents.TryGetValue(roomId, out var document) || !document.TryLease())
        {
            return;
        }
        try
        {
            document.Hear(operation);
            if (!document.Gate.Wait(0))
            {
                return;
            }
            try
            {
                document.ApplyHeard();
                Account(document);
            }
            catch (Exception)
            {
                // This runs on the room's delivery thread, which must not fail for a cache: whatever went wrong, the copy
                // reloads from the log at its next use.
                document.Invalidate();
            }
            finally
            {
                document.Gate.Release();
            }
        }
        finally
        {
            document.EndLease();
        }
    }

    /// <summary>
    /// The rooms whose copies this instance changed since their last snapshot and has not changed for
    /// <paramref name="quietFor"/>: a scan of the copies in memory, with no read of the log or the database.
    /// </summary>
    public IReadOnlyList<string> QuietChanged(TimeSpan quietFor)
    {
        var now = time.GetUtcNow();
        return [.. _documents.Where(d => d.Value.HasUnsnapshottedChanges && now - d.Value.LastCommitAt >= quietFor).Select(d => d.Key)];
    }

    /// <summary>
    /// Runs <paramref name="action"/> on this instance's copy as it is, alone among its users, without bringing it up
    /// to date; nothing when the document is not cached (then there is nothing of this instance's to act on).
    /// </summary>
    public async Task WithCachedIfPresentAsync(string roomId, Func<CachedDocument, Task> action, CancellationToken cancellationToken)
    {
        if (!_documents.TryGetValue(roomId, out var document) || !document.TryLease())
        {
            return;
        }
        try
        {
            await UnderGateAsync(document, async () =>
            {
                if (document.Loaded)
                {
                    await action(document).ConfigureAwait(false);
                }
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EndLease(document);
        }
    }

    /// <summary>
    /// Evicts the copies unused for <paramref name="idleFor"/>, except those with changes still to snapshot (the
    /// snapshotter writes those first; they go at a later call).
    /// </summary>
    public int EvictIdle(TimeSpan idleFor)
    {
        var now = time.GetTimestamp();
        var evicted = 0;
        foreach (var (roomId, document) in _documents)
        {
            if (!document.HasUnsnapshottedChanges && time.GetElapsedTime(document.LastUsed, now) >= idleFor && TryEvict(roomId, document))
            {
                evicted++;
            }
        }
        return evicted;
    }

    private async Task<T> UnderGateAsync<T>(CachedDocument document, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await document.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            Account(document);
            document.Gate.Release();
        }
    }

    // The text may have grown or shrunk; counted under the gate, while no one else can change it.
    private void Account(CachedDocument document)
    {
        var bytes = document.Bytes;
        Interlocked.Add(ref _bytes, bytes - document.AccountedBytes);
        document.AccountedBytes = bytes;
    }

    // The cached copy, counted as in use; a copy retired meanwhile is replaced by a fresh one.
    private CachedDocument Lease(string roomId)
    {
        while (true)
        {
            var document = _documents.GetOrAdd(roomId, _ => new CachedDocument());
            if (document.TryLease())
            {
                return document;
            }
            _documents.TryRemove(KeyValuePair.Create(roomId, document));
        }
    }

    private void EndLease(CachedDocument document)
    {
        document.LastUsed = time.GetTimestamp();
        document.EndLease();
        if (Bytes > options.CacheBudgetBytes)
        {
            EvictOverBudget();
        }
    }

    // Least recently used first, until the total is within the budget; one eviction pass at a time.
    private void EvictOverBudget()
    {
        if (Interlocked.Exchange(ref _evicting, 1) == 1)
        {
            return;
        }
        try
        {
            foreach (var (roomId, document) in _documents.ToArray().OrderBy(d => d.Value.LastUsed))
            {
                if (Bytes <= options.CacheBudgetBytes)
                {
                    return;
                }
                TryEvict(roomId, document);
            }
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }

    private bool TryEvict(string roomId, CachedDocument document)
    {
        if (!document.TryRetire())
        {
            return false;
        }
        _documents.TryRemove(KeyValuePair.Create(roomId, document));
        // Retired, so no one can lease it and change its count any more.
        Interlocked.Add(ref _bytes, -document.AccountedBytes);
        document.AccountedBytes = 0;
        return true;
    }

    private async Task CatchUpAsync(string roomId, CachedDocument document, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxCatchUpRounds; round++)
        {
            if (!document.Loaded)
            {
                document.Reset(await store.LoadSnapshotAsync(roomId, cancellationToken).ConfigureAwait(false));
            }
            var history = await log.ReadAfterAsync(roomId, document.Revision, cancellationToken).ConfigureAwait(false);
            if (!history.Seeded)
            {
                await SeedAsync(roomId, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (history.Complete)
            {
                foreach (var operation in history.Operations)
                {
                    document.Apply(operation);
                }
                return;
            }
            if (document.Revision > history.HeadRevision)
            {
                // The log is behind this copy (re-seeded from a database that had not caught up): start over.
                document.Invalidate();
                continue;
            }
            // The log keeps only the newest RetainedOps operations, and there may be many more than that between
            // the snapshot and them (up to SnapshotEvery): page through the database's up to the log's head.
            IReadOnlyList<OperationCommitted> stored;
            do
            {
                stored = await store.ListOperationsAsync(roomId, document.Revision, options.RetainedOps, cancellationToken).ConfigureAwait(false);
                foreach (var operation in stored)
                {
                    document.Apply(operation);
                }
            }
            while (stored.Count == options.RetainedOps && document.Revision < history.HeadRevision);
        }
        throw CollabError.Unavailable("the document could not be loaded; try again.");
    }

    private async Task SeedAsync(string roomId, CancellationToken cancellationToken)
    {
        var head = await store.GetHeadRevisionAsync(roomId, cancellationToken).ConfigureAwait(false);
        var from = Math.Max(0, head - options.RetainedOps);
        var newest = await store.ListOperationsAsync(roomId, from, options.RetainedOps, cancellationToken).ConfigureAwait(false);
        await log.SeedAsync(roomId, head, newest, cancellationToken).ConfigureAwait(false);
    }
}
