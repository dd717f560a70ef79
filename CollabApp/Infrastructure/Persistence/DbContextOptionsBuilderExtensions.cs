using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// The two databases as the app and the tests configure them: each with the <see cref="OutageTranslatingExecutionStrategy"/>,
/// so an outage reaches callers as Core's <c>unavailable</c> whichever database is under them.
/// </summary>
public static class DbContextOptionsBuilderExtensions
{
    public static DbContextOptionsBuilder UseCollabPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.ExecutionStrategy(d => new OutageTranslatingExecutionStrategy(d)));

    public static DbContextOptionsBuilder UseCollabSqlite(this DbContextOptionsBuilder options, string path) =>
        options.UseSqlite($"Data Source={path}", sqlite => sqlite.ExecutionStrategy(d => new OutageTranslatingExecutionStrategy(d)));
}
