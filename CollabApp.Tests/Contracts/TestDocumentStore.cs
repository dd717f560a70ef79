using CollabApp.Core.Documents;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// A thread-safe in-memory <see cref="IDocumentStore"/>, the database shared by the instances of the
/// sequencer tests. The EF Core store has its own contract tests; this one only has to be right.
/// </summary>
internal sealed class TestDocumentStore : IDocumentStore
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

    public Task SaveOperationAsync(string roomId, OperationCommitted operation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            OperationsOf(roomId).TryAdd(operation.Revision, operation);
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

    public Task<OperationCommitted?> FindOperationAsync(string roomId, string userId, string clientOpId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(OperationsOf(roomId).Values.FirstOrDefault(o => o.UserId == userId && o.ClientOpId == clientOpId));
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
