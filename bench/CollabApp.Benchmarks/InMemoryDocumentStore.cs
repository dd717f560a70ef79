using CollabApp.Core.Documents;

namespace CollabApp.Benchmarks;

/// <summary>A minimal <see cref="IDocumentStore"/> for the in-process sequencer benchmark: dictionaries, no I/O.</summary>
internal sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DocumentState> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedList<int, OperationCommitted>> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Room, string User, string ClientOpId), OperationCommitted> _byClientId = [];

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
            _snapshots[roomId] = snapshot;
        }
        return Task.CompletedTask;
    }

    public Task SaveOperationAsync(string roomId, OperationCommitted operation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            OperationsOf(roomId).TryAdd(operation.Revision, operation);
            _byClientId.TryAdd((roomId, operation.UserId, operation.ClientOpId), operation);
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
            return Task.FromResult(_byClientId.GetValueOrDefault((roomId, userId, clientOpId)));
        }
    }

    public Task<int> GetHeadRevisionAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var operations = OperationsOf(roomId);
            var head = operations.Count == 0 ? 0 : operations.Keys[^1];
            return Task.FromResult(Math.Max(head, _snapshots.GetValueOrDefault(roomId)?.Revision ?? 0));
        }
    }

    private SortedList<int, OperationCommitted> OperationsOf(string roomId)
    {
        if (!_operations.TryGetValue(roomId, out var operations))
        {
            operations = [];
            _operations[roomId] = operations;
        }
        return operations;
    }
}
