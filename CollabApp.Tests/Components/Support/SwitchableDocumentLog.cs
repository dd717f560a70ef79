using CollabApp.Core.Documents;

namespace CollabApp.Tests.Components.Support;

/// <summary>The embedded document log, with reads that can be made to fail (the real-time store cannot be read now).</summary>
public sealed class SwitchableDocumentLog(IDocumentLog inner) : IDocumentLog
{
    /// <summary>When set, reads fail with it.</summary>
    public Exception? FailReads { get; set; }

    public Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.TryCommitAsync(roomId, expectedHead, operations, at, cancellationToken);

    public Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken) =>
        FailReads is { } failure ? Task.FromException<DocumentHistory>(failure) : inner.ReadAfterAsync(roomId, afterRevision, cancellationToken);

    public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken) =>
        inner.SeedAsync(roomId, headRevision, newestOperations, cancellationToken);
}
