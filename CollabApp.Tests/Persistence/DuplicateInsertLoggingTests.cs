using System.Collections.Concurrent;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using CollabApp.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CollabApp.Tests.Persistence;

/// <summary>
/// The idempotent group-commit insert meets rows stored before (a retry, or the sweeper and the persister storing the
/// same event) as a matter of course: that stores nothing twice and writes no error into the log.
/// </summary>
public sealed class DuplicateInsertLoggingTests
{
    [Fact]
    public async Task PostgreSql_ADuplicateBatch_StoresEachRowOnce_AndLogsNoWarningOrError()
    {
        await using var database = await TestDatabase.CreateAsync().DefaultTimeout();
        await AssertQuietAsync(o => o.UseCollabPostgres(database.ConnectionString));
    }

    [Fact]
    public async Task Sqlite_ADuplicateBatch_StoresEachRowOnce_AndLogsNoWarningOrError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collab-tests", "dup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await AssertQuietAsync(o => o.UseCollabSqlite(Path.Combine(folder, "collab.db")));
    }

    private static async Task AssertQuietAsync(Action<DbContextOptionsBuilder<CollabDbContext>> useDatabase)
    {
        var logged = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logged).SetMinimumLevel(LogLevel.Debug));
        var options = new DbContextOptionsBuilder<CollabDbContext>();
        useDatabase(options);
        options.UseLoggerFactory(loggers);
        var contexts = new PooledDbContextFactory<CollabDbContext>(options.Options);
        await new DatabaseInitializer(contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();
        var room = "r-" + Guid.NewGuid().ToString("N")[..12];
        DocumentOperationEntity Row(int revision) =>
            new() { RoomId = room, Revision = revision, Op = "[\"a\"]", UserId = "u1", ClientOpId = Guid.NewGuid().ToString() };

        await contexts.InsertIgnoringDuplicatesAsync([Row(1)], CancellationToken.None).DefaultTimeout();
        logged.Clear();
        await contexts.InsertIgnoringDuplicatesAsync([Row(1), Row(2)], CancellationToken.None).DefaultTimeout();

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(2, await db.Set<DocumentOperationEntity>().CountAsync(o => o.RoomId == room));
        Assert.Contains(logged.Entries, e => e.Level == LogLevel.Debug); // the refused batch was seen, below Warning
        Assert.DoesNotContain(logged.Entries, e => e.Level >= LogLevel.Warning);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Category)> _entries = new();

        public IReadOnlyCollection<(LogLevel Level, string Category)> Entries => _entries;

        public void Clear() => _entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._entries.Enqueue((logLevel, category));
        }
    }
}
