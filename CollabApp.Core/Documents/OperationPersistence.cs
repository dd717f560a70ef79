using CollabApp.Core.Events;

namespace CollabApp.Core.Documents;

/// <summary>Stores committed <c>operation</c> events; idempotent by revision.</summary>
public sealed class OperationPersistence(IDocumentStore documents) : IEventPersistence
{
    public string EventType => DocumentEventTypes.Operation;

    public Task SaveAsync(IReadOnlyList<RoomEvent> batch, CancellationToken cancellationToken) =>
        documents.SaveOperationsAsync([.. batch.Select(e => new StoredOperation(e.RoomId, (OperationCommitted)e.Data))], cancellationToken);
}
