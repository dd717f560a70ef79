using System.Diagnostics;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;

namespace CollabApp.Observability;

/// <summary>
/// Counts committed operations, times the compare-and-append (each operation it committed is recorded with the time of
/// the call that committed it), and counts every round trip to the log by outcome.
/// </summary>
public sealed class MeteredDocumentLog(IDocumentLog inner, CollabMetrics metrics) : IDocumentLog
{
    public async Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        DocumentCommit commit;
        try
        {
            commit = await inner.TryCommitAsync(roomId, expectedHead, operations, at, cancellationToken);
        }
        catch
        {
            metrics.DocumentLogCalled("compare_and_append", "failed");
            throw;
        }
        metrics.DocumentLogCalled("compare_and_append", OutcomeName(commit.Status));
        if (commit.Status == DocumentCommitStatus.Committed)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            foreach (var _ in commit.EventIds!)
            {
                metrics.OperationCommitted(elapsed);
                metrics.EventCommitted(DocumentEventTypes.Operation);
            }
        }
        return commit;
    }

    public Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken)
    {
        metrics.DocumentLogCalled("read", "any");
        return inner.ReadAfterAsync(roomId, afterRevision, cancellationToken);
    }

    public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken) =>
        inner.SeedAsync(roomId, headRevision, newestOperations, cancellationToken);

    private static string OutcomeName(DocumentCommitStatus status) => status switch
    {
        DocumentCommitStatus.Committed => "committed",
        DocumentCommitStatus.Duplicate => "duplicate",
        DocumentCommitStatus.Stale => "stale",
        DocumentCommitStatus.NotSeeded => "not_seeded",
        _ => "other",
    };
}
