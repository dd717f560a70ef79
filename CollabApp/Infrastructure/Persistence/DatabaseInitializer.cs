using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// Brings the schema up to date at start-up (EF Core migrations on PostgreSQL, whose migration lock lets
/// several instances start together; EnsureCreated on the embedded SQLite file, then <see cref="SqliteSchemaUpgrade"/> for a file an older version made), makes sure the
/// public <c>lobby</c> room exists, and on PostgreSQL runs the group commits' statements once, empty.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<CollabDbContext> contexts, TimeProvider time)
{
    public const string LobbyId = "lobby";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            // The group commits' statements once with no rows: their first use (the statement built from the model,
            // Npgsql's array writers, the JIT) cost a new instance's first writes 15-25 ms more than later ones.
            await PostgresBulkInsert.InsertIgnoringDuplicatesAsync(db, Array.Empty<ChatMessageEntity>(), cancellationToken);
            await PostgresBulkInsert.InsertIgnoringDuplicatesAsync(db, Array.Empty<DocumentOperationEntity>(), cancellationToken);
        }
        else
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await SqliteSchemaUpgrade.ApplyAsync(db, cancellationToken);
        }
        if (!await db.Rooms.AnyAsync(r => r.RoomId == LobbyId, cancellationToken))
        {
            db.Rooms.Add(new RoomEntity { RoomId = LobbyId, Name = "Lobby", IsPrivate = false, CreatedAt = time.GetUtcNow() });
            await db.SaveIgnoringDuplicateAsync(cancellationToken);
        }
    }
}
