using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// The two databases as the app and the tests configure them: each with the <see cref="OutageTranslatingExecutionStrategy"/>,
/// so an outage reaches callers as Core's <c>unavailable</c> whichever database is under them.
/// <para>
/// EF Core's own logging of a failed command or save is lowered to Debug: every failure reaches the code that called,
/// which logs it once, at the level it deserves. An expected one (a duplicate key met by the idempotent inserts when
/// the sweeper and the persister store the same event) would otherwise write an error with a stack trace each time.
/// </para>
/// </summary>
public static class DbContextOptionsBuilderExtensions
{
    public static DbContextOptionsBuilder UseCollabPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(PostgresConnectionDefaults.Apply(connectionString), npgsql => npgsql.ExecutionStrategy(d => new OutageTranslatingExecutionStrategy(d)))
            .ConfigureWarnings(LogFailuresAtDebug);

    public static DbContextOptionsBuilder UseCollabSqlite(this DbContextOptionsBuilder options, string path) =>
        options.UseSqlite($"Data Source={path}", sqlite => sqlite.ExecutionStrategy(d => new OutageTranslatingExecutionStrategy(d)))
            .ConfigureWarnings(LogFailuresAtDebug);

    private static void LogFailuresAtDebug(WarningsConfigurationBuilder warnings) =>
        warnings.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug));
}
