using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using CollabApp.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace CollabApp.Tests.Persistence;

/// <summary>
/// The app's connection defaults for PostgreSQL (issue 13): no session reset between a pooled connection's uses, and
/// automatic preparation of repeated statements; an operator's own value for either is kept.
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    private const string Plain = "Host=db.example;Database=collab;Username=app";

    [Fact]
    public void AStringThatSaysNeither_GetsBoth()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(Plain));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal("db.example", result.Host);
        Assert.Equal("collab", result.Database);
    }

    [Theory]
    [InlineData("No Reset On Close=false;Max Auto Prepare=0", false, 0)]
    [InlineData("no reset on close=False;MAX AUTO PREPARE=7", false, 7)]
    [InlineData("NoResetOnClose=false;MaxAutoPrepare=5", false, 5)]
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
        var room = "r-" + Guid.NewGuid().ToString("N")[..12];

        // Npgsql prepares a statement once a connection has run it five times (AutoPrepareMinUsages' default).
        for (var revision = 1; revision <= 5; revision++)
        {
            var row = new DocumentOperationEntity { RoomId = room, Revision = revision, Op = "[\"a\"]", UserId = "u1", ClientOpId = Guid.NewGuid().ToString() };
            await contexts.InsertIgnoringDuplicatesAsync([row], CancellationToken.None).DefaultTimeout();
        }

        await using var db = await contexts.CreateDbContextAsync();
        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Contains(prepared, statement => statement.Contains("unnest", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "kept")] // the app's default: the next use finds the session as the last left it, no reset statement
    [InlineData(";No Reset On Close=false", "")] // Npgsql's default: the pool resets the session between uses
    public async Task APooledConnection_IsResetBetweenUses_OnlyWhenTheOperatorAsks(string given, string expected)
    {
        await using var database = await TestDatabase.CreateAsync().DefaultTimeout();
        var contexts = await OneConnectionAsync(database.ConnectionString + given);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("SET application_name = 'kept'").DefaultTimeout();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var name = await db.Database.SqlQueryRaw<string>("SELECT current_setting('application_name') AS \"Value\"").SingleAsync().DefaultTimeout();
            Assert.Equal(expected, name);
        }
    }

    // A pool of one connection: every use is the same server session.
    private static async Task<PooledDbContextFactory<CollabDbContext>> OneConnectionAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CollabDbContext>();
        options.UseCollabPostgres(connectionString + ";Maximum Pool Size=1");
        var contexts = new PooledDbContextFactory<CollabDbContext>(options.Options);
        await new DatabaseInitializer(contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();
        return contexts;
    }
}
