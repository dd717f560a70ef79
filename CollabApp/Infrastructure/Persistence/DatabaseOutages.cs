using CollabApp.Core;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// The one place that decides what "the database is down" means, for PostgreSQL and SQLite alike, and what callers
/// are told then: the protocol's <c>unavailable:</c> (docs/protocol.md) with a message of our own, since the drivers'
/// messages name hosts, ports and internals. <see cref="OutageTranslatingExecutionStrategy"/> applies it to every
/// query and save, so nothing above the adapters knows Npgsql's, SQLite's or EF Core's exceptions.
/// </summary>
internal static class DatabaseOutages
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN: the file cannot be used
    // now; a constraint or a malformed statement is a bug or a refusal, not an outage.
    private static readonly HashSet<int> SqliteOutageCodes = [5, 6, 8, 10, 13, 14];

    public static CollabError Unavailable() =>
        CollabError.Unavailable("a backing store is unreachable; nothing was changed, try again.");

    /// <summary>
    /// Unreachable, cut off, timed out, refusing connections or shutting down: what Npgsql itself calls transient
    /// (a unique violation is not, so the idempotent writes still see it). EF Core wraps a failed save in a
    /// <see cref="Microsoft.EntityFrameworkCore.DbUpdateException"/> and some failures in an InvalidOperationException,
    /// so the cause is looked for inside them.
    /// </summary>
    public static bool IsOutage(Exception error) => error switch
    {
        NpgsqlException postgres => postgres.IsTransient,
        SqliteException sqlite => SqliteOutageCodes.Contains(sqlite.SqliteErrorCode),
        TimeoutException => true,
        { InnerException: { } inner } when error is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException => IsOutage(inner),
        _ => false,
    };
}
