using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Tests.Persistence;

/// <summary>The PostgreSQL schema is the migrations': they must keep up with the model.</summary>
public sealed class MigrationTests(PostgresStoreDatabase database) : IClassFixture<PostgresStoreDatabase>
{
    [Fact]
    public async Task TheModel_HasNoChangesMissingFromTheMigrations()
    {
        // Both the context `dotnet ef` builds and the one the app runs with (configured as the app configures it).
        using var designTime = new DesignTimeDbContextFactory().CreateDbContext([]);
        await using var runtime = await database.Contexts.CreateDbContextAsync();

        foreach (var db in new DbContext[] { designTime, runtime })
        {
            Assert.True(db.Database.IsNpgsql());
            Assert.False(db.Database.HasPendingModelChanges(), "the model changed: add a migration (dotnet ef migrations add <Name> --project CollabApp)");
        }
    }

    [Fact]
    public async Task AMigratedDatabase_HasEveryMigrationApplied()
    {
        await using var db = await database.Contexts.CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync().DefaultTimeout());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync().DefaultTimeout());
    }
}
