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

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => false,
    };
}
