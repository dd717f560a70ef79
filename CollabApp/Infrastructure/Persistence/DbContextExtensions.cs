using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

internal static class DbContextExtensions
{
    /// <summary>
    /// Saves, treating a unique-key violation as "already stored": the idempotent writes (a retried
    /// message, operation or to-do) meet the first write's row and change nothing.
    /// </summary>
    public static async Task<bool> SaveIgnoringDuplicateAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> in one round trip (a group commit), the ones stored before changing nothing. On
    /// PostgreSQL one statement does both (<see cref="PostgresBulkInsert"/>). On SQLite it is one save; when one of the
    /// rows was stored before (a retry, or the sweeper storing what a live instance stores too) the database refuses
    /// the batch as a whole, so then each row is saved on its own.
    /// </summary>
    public static async Task InsertIgnoringDuplicatesAsync<TEntity>(this IDbContextFactory<CollabDbContext> contexts, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsNpgsql())
            {
                await PostgresBulkInsert.InsertIgnoringDuplicatesAsync(db, rows, cancellationToken);
                return;
            }
            db.Set<TEntity>().AddRange(rows);
            if (await db.SaveIgnoringDuplicateAsync(cancellationToken))
            {
                return;
            }
        }
        foreach (var row in rows)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Set<TEntity>().Add(row);
            await db.SaveIgnoringDuplicateAsync(cancellationToken);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => false,
    };
}
