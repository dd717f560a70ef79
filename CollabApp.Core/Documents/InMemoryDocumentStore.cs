namespace CollabApp.Core.Documents;

/// <summary>
/// A thread-safe in-memory <see cref="IDocumentStore"/>: the database of the sequencer tests, component tests and
/// benchmarks, kept beside the port (as ShareDB keeps its memory adapter) and held to the same contract as the EF store.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DocumentState> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, OperationCommitted>> _operations = new(StringComparer.Ordinal);

    public Task<DocumentState> LoadSnapshotAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault(roomId) ?? new DocumentState(0, string.Empty));
        }
    }

    public Task SaveSnapshotAsync(string roomId, DocumentState snapshot, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(roomId, out var current) || current.Revision < snapshot.Revision)
            {
                _snapshots[roomId] = snapshot;
            }
        }
        return Task.CompletedTask;
    }

    public Task SaveOperationsAsync(IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var stored in operations)
            {
                OperationsOf(stored.RoomId).TryAdd(stored.Operation.Revision, stored.Operation);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OperationCommitted>> ListOperationsAsync(string roomId, int afterRevision, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<OperationCommitted> list = [.. OperationsOf(roomId).Values.Where(o => o.Revision > afterRevision).Take(limit)];
            return Task.FromResult(list);
        }
    }

    public Task<int> GetHeadRevisionAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var operations = OperationsOf(roomId);
            var newestOperation = operations.Count > 0 ? operations.Keys.Max() : 0;
            return Task.FromResult(Math.Max(newestOperation, _snapshots.GetValueOrDefault(roomId)?.Revision ?? 0));
        }
    }

    private SortedDictionary<int, OperationCommitted> OperationsOf(string roomId)
    {
        if (!_operations.TryGetValue(roomId, out var operations))
        {
            operations = [];
            _operations[roomId] = operations;
        }
        return operations;
    }
}
