using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using CollabApp.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace CollabApp.Tests.Persistence;

/// <summary>
/// The app's connection defaults for PostgreSQL (issue 13): no session reset between a pooled connection's uses, and
/// then automatic preparation of repeated statements; an operator's own value for either is kept.
/// </summary>
[Collection(PooledSessions.Name)]
public sealed class PostgresConnectionDefaultsTests
{
    private const string Plain = "Host=db.example;Database=collab;Username=app";

    [Fact]
    public void AStringThatSaysNeither_GetsBoth_AndKeepsTheRest()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(Plain));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal("db.example", result.Host);
        Assert.Equal("collab", result.Database);
        Assert.Equal("app", result.Username);
    }

    [Theory]
    [InlineData("No Reset On Close=false;Max Auto Prepare=0", false, 0)]
    [InlineData("no reset on close=False;MAX AUTO PREPARE=7", false, 7)]
    [InlineData("NoResetOnClose=true;MaxAutoPrepare=5", true, 5)]
    [InlineData("MaxAutoPrepare=0", true, 0)] // the operator's preparation setting alone: still no reset
    [InlineData("No Reset On Close=false", false, 0)] // the reset alone: no preparation, which pays off only without it
    [InlineData("NoResetOnClose=true", true, PostgresConnectionDefaults.MaxAutoPrepare)]
    public void TheOperatorsOwnValues_AreKept(string given, bool noReset, int maxAutoPrepare)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply($"{Plain};{given}"));

        Assert.Equal(noReset, result.NoResetOnClose);
        Assert.Equal(maxAutoPrepare, result.MaxAutoPrepare);
    }

    [Fact]
    public async Task TheGroupCommitInsert_IsPreparedOnTheServer_OnceItRepeats()
    {
        await using var database = await TestDatabase.CreateAsync().DefaultTimeout();
        var contexts = await OneConnectionAsync(database.ConnectionString);
        await using var probe = await contexts.CreateDbContextAsync();
        var session = await SessionAsync(probe);
        var room = "r-" + Guid.NewGuid().ToString("N")[..12];

        // The database initializer ran the statement once; five more uses pass Npgsql's threshold (AutoPrepareMinUsages, 5).
        for (var revision = 1; revision <= 5; revision++)
        {
            var row = new DocumentOperationEntity { RoomId = room, Revision = revision, Op = "[\"a\"]", UserId = "u1", ClientOpId = Guid.NewGuid().ToString() };
            await contexts.InsertIgnoringDuplicatesAsync([row], CancellationToken.None).DefaultTimeout();
        }

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(session, await SessionAsync(db));
        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync().DefaultTimeout();
        Assert.Contains(prepared, statement => statement.Contains("unnest", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "kept")] // the app's default: the next use finds the session as the last one left it, no reset statement
    [InlineData(";No Reset On Close=false", "")] // Npgsql's default: the pool resets the session between uses
    public async Task APooledConnection_IsResetBetweenUses_OnlyWhenTheOperatorAsks(string given, string expected)
    {
        await using var database = await TestDatabase.CreateAsync().DefaultTimeout();
        var contexts = await OneConnectionAsync(database.ConnectionString + given);

        int session;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            session = await SessionAsync(db);
            await db.Database.ExecuteSqlRawAsync("SET application_name = 'kept'").DefaultTimeout();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(session, await SessionAsync(db));
            var name = await db.Database.SqlQueryRaw<string>("SELECT current_setting('application_name') AS \"Value\"").SingleAsync().DefaultTimeout();
            Assert.Equal(expected, name);
        }
    }

    // A pool of one connection, so every use is the same server session (the tests check its process id).
    private static async Task<PooledDbContextFactory<CollabDbContext>> OneConnectionAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CollabDbContext>();
        options.UseCollabPostgres(connectionString + ";Maximum Pool Size=1");
        var contexts = new PooledDbContextFactory<CollabDbContext>(options.Options);
        await new DatabaseInitializer(contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();
        return contexts;
    }

    private static Task<int> SessionAsync(CollabDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync().DefaultTimeout();
}

/// <summary>
/// Tests that need one pooled server session to last between uses run alone: every other database test clears all of the
/// process's connection pools when it ends (<see cref="TestDatabase"/>), which would close an idle session.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PooledSessions
{
    public const string Name = "Pooled sessions";
}
