using System.Diagnostics;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;

namespace CollabApp.Observability;

/// <summary>Counts committed operations and times the compare-and-append.</summary>
public sealed class MeteredDocumentLog(IDocumentLog inner, CollabMetrics metrics) : IDocumentLog
{
    public async Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, OperationCommitted operation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var commit = await inner.TryCommitAsync(roomId, expectedHead, operation, at, cancellationToken);
        if (commit.Status == DocumentCommitStatus.Committed)
        {
            metrics.OperationCommitted(Stopwatch.GetElapsedTime(started));
            metrics.EventCommitted(DocumentEventTypes.Operation);
        }
        return commit;
    }

    public Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(roomId, afterRevision, cancellationToken);

    public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken) =>
        inner.SeedAsync(roomId, headRevision, newestOperations, cancellationToken);
}
