using System.Collections.Concurrent;

namespace CollabApp.Core.Documents;

/// <summary>
/// This instance's documents, each brought up to the log's head before use: from the newest database
/// snapshot, then the database's operations if the log no longer has them, then the log's. When the log
/// knows nothing of a document (a restart, or Redis lost its data), it is seeded from the database.
/// </summary>
internal sealed class DocumentCache(IDocumentLog log, IDocumentStore store, DocumentOptions options)
{
    private const int MaxCatchUpRounds = 8;
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);

    public Task<DocumentState> ReadAsync(string roomId, CancellationToken cancellationToken) =>
        WithCurrentAsync(roomId, document => Task.FromResult(new DocumentState(document.Revision, document.Text.ToString())), cancellationToken);

    /// <summary>The rooms of the documents this instance holds.</summary>
    public IReadOnlyList<string> RoomIds => [.. _documents.Keys];

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
        var document = _documents.GetOrAdd(roomId, _ => new CachedDocument());
        await document.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (catchUp || !document.Loaded)
            {
                await CatchUpAsync(roomId, document, cancellationToken).ConfigureAwait(false);
            }
            return await action(document).ConfigureAwait(false);
        }
        finally
        {
            document.Gate.Release();
        }
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
