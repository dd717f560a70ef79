using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// The embedded SQLite file is created from the model (EnsureCreated), which does nothing to a file made by an older
/// version. What the model gained since the first release is added here, each step guarded so it runs once: the same
/// changes, in SQLite's types, as the PostgreSQL migrations after <c>Initial</c>.
/// </summary>
internal static class SqliteSchemaUpgrade
{
    public static async Task ApplyAsync(CollabDbContext db, CancellationToken cancellationToken)
    {
        // Migration MessageEditsAndReads.
        var columns = await db.Database
            .SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('ChatMessages')")
            .ToListAsync(cancellationToken);
        if (!columns.Contains("Deleted"))
        {
            foreach (var statement in new[]
            {
                "ALTER TABLE \"ChatMessages\" ADD COLUMN \"ChangeEventId\" TEXT NULL",
                "ALTER TABLE \"ChatMessages\" ADD COLUMN \"ChangeEventMs\" INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE \"ChatMessages\" ADD COLUMN \"ChangeEventSeq\" INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE \"ChatMessages\" ADD COLUMN \"Deleted\" INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE \"ChatMessages\" ADD COLUMN \"EditedAt\" TEXT NULL",
            })
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }
        }
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE TABLE IF NOT EXISTS "RoomReads" (
                "UserId" TEXT NOT NULL,
                "RoomId" TEXT NOT NULL,
                "MessageId" TEXT NULL,
                "EventMs" INTEGER NOT NULL,
                "EventSeq" INTEGER NOT NULL,
                CONSTRAINT "PK_RoomReads" PRIMARY KEY ("UserId", "RoomId")
            )
            """, cancellationToken);

        // Migration TodoOutbox: rows from before it count as published.
        var todoColumns = await db.Database
            .SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Todos')")
            .ToListAsync(cancellationToken);
        if (!todoColumns.Contains("PublishedVersion"))
        {
            foreach (var statement in new[]
            {
                "ALTER TABLE \"Todos\" ADD COLUMN \"LastChange\" TEXT NOT NULL DEFAULT 'updated'",
                "ALTER TABLE \"Todos\" ADD COLUMN \"PublishedVersion\" INTEGER NOT NULL DEFAULT 0",
                "UPDATE \"Todos\" SET \"PublishedVersion\" = \"Version\"",
                "CREATE INDEX IF NOT EXISTS \"IX_Todos_Unpublished\" ON \"Todos\" (\"UpdatedAt\") WHERE \"Version\" > \"PublishedVersion\"",
            })
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }
        }
    }
}
