namespace CollabApp.Core.Documents;

/// <summary>Durable documents (the database): every committed operation, and snapshots to start from.</summary>
public interface IDocumentStore
{
    /// <summary>The newest snapshot, or revision 0 with the empty text.</summary>
    Task<DocumentState> LoadSnapshotAsync(string roomId, CancellationToken cancellationToken);

    Task SaveSnapshotAsync(string roomId, DocumentState snapshot, CancellationToken cancellationToken);

    /// <summary>Stores committed operations (of any rooms) in one write; storing the same revision again changes nothing.</summary>
    Task SaveOperationsAsync(IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored operations after <paramref name="afterRevision"/>, in order.</summary>
    Task<IReadOnlyList<OperationCommitted>> ListOperationsAsync(string roomId, int afterRevision, int limit, CancellationToken cancellationToken);

    /// <summary>The newest stored operation's revision (or the snapshot's, if newer), 0 for a new document.</summary>
    Task<int> GetHeadRevisionAsync(string roomId, CancellationToken cancellationToken);
}
