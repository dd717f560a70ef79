using CollabApp.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>Every committed document operation, and snapshots to start from, in the database.</summary>
public sealed class EfDocumentStore(IDbContextFactory<CollabDbContext> contexts) : IDocumentStore
{
    public async Task<DocumentState> LoadSnapshotAsync(string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await db.DocumentSnapshots.AsNoTracking()
            .Where(s => s.RoomId == roomId)
            .OrderByDescending(s => s.Revision)
            .FirstOrDefaultAsync(cancellationToken);
        return snapshot is null ? new DocumentState(0, "") : new DocumentState(snapshot.Revision, snapshot.Text);
    }

    public async Task SaveSnapshotAsync(string roomId, DocumentState snapshot, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.DocumentSnapshots.Add(new DocumentSnapshotEntity { RoomId = roomId, Revision = snapshot.Revision, Text = snapshot.Text });
        if (await db.SaveIgnoringDuplicateAsync(cancellationToken))
        {
            // Older snapshots are never read again: the newest one plus the operations after it suffice.
            await db.DocumentSnapshots.Where(s => s.RoomId == roomId && s.Revision < snapshot.Revision).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public Task SaveOperationsAsync(IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken) =>
        contexts.InsertIgnoringDuplicatesAsync([.. operations.Select(ToEntity)], cancellationToken);

    public async Task<IReadOnlyList<OperationCommitted>> ListOperationsAsync(string roomId, int afterRevision, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.DocumentOperations.AsNoTracking()
            .Where(o => o.RoomId == roomId && o.Revision > afterRevision)
            .OrderBy(o => o.Revision)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. entities.Select(ToRecord)];
    }

    public async Task<int> GetHeadRevisionAsync(string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var operations = await db.DocumentOperations.Where(o => o.RoomId == roomId).MaxAsync(o => (int?)o.Revision, cancellationToken) ?? 0;
        var snapshot = await db.DocumentSnapshots.Where(s => s.RoomId == roomId).MaxAsync(s => (int?)s.Revision, cancellationToken) ?? 0;
        return Math.Max(operations, snapshot);
    }

    private static DocumentOperationEntity ToEntity(StoredOperation stored) => new()
    {
        RoomId = stored.RoomId,
        Revision = stored.Operation.Revision,
        Op = stored.Operation.Op.ToJson(),
        UserId = stored.Operation.UserId,
        ClientOpId = stored.Operation.ClientOpId,
    };

    private static OperationCommitted ToRecord(DocumentOperationEntity o)
    {
        using var json = System.Text.Json.JsonDocument.Parse(o.Op);
        return new(o.Revision, TextOperation.Parse(json.RootElement), o.UserId, o.ClientOpId);
    }
}
