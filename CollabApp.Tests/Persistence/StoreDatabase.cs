using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using CollabApp.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CollabApp.Tests.Persistence;

/// <summary>
/// One database for one contract test class, with its schema made the way the app makes it at start-up
/// (<see cref="DatabaseInitializer"/>: migrations on PostgreSQL, EnsureCreated on SQLite). Tests share it
/// and keep apart by using fresh room ids.
/// </summary>
public abstract class StoreDatabase : IAsyncLifetime
{
    private IDbContextFactory<CollabDbContext>? _contexts;

    public IDbContextFactory<CollabDbContext> Contexts => _contexts ?? throw new InvalidOperationException("the database is not initialized");

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<CollabDbContext>();
        await ConfigureAsync(options);
        _contexts = new PooledDbContextFactory<CollabDbContext>(options.Options);
        await new DatabaseInitializer(_contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();
    }

    public abstract Task DisposeAsync();

    protected abstract Task ConfigureAsync(DbContextOptionsBuilder<CollabDbContext> options);

    /// <summary>Rooms and members, which the app writes through its room API rather than through a port.</summary>
    public async Task AddRoomAsync(string roomId, string name, bool isPrivate, string? ownerId, params string[] memberIds)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.Rooms.Add(new RoomEntity { RoomId = roomId, Name = name, IsPrivate = isPrivate, OwnerId = ownerId, CreatedAt = DateTimeOffset.UtcNow });
        foreach (var userId in memberIds)
        {
            db.RoomMembers.Add(new RoomMemberEntity { RoomId = roomId, UserId = userId });
        }
        await db.SaveChangesAsync().DefaultTimeout();
    }

    /// <summary>A member removed, as the room API removes one.</summary>
    public async Task RemoveMemberAsync(string roomId, string userId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == userId).ExecuteDeleteAsync().DefaultTimeout();
    }

    /// <summary>A room deleted with its members, as the room API deletes one.</summary>
    public async Task DeleteRoomAsync(string roomId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.RoomMembers.Where(m => m.RoomId == roomId).ExecuteDeleteAsync().DefaultTimeout();
        await db.Rooms.Where(r => r.RoomId == roomId).ExecuteDeleteAsync().DefaultTimeout();
    }

    /// <summary>Raw row counts, to see what an idempotent write really stored.</summary>
    public async Task<int> CountAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> where) where T : class
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Set<T>().CountAsync(where).DefaultTimeout();
    }
}

/// <summary>The embedded mode's database: a SQLite file in a temp folder.</summary>
public sealed class SqliteStoreDatabase : StoreDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collab-tests", "sqlite-" + Guid.NewGuid().ToString("N"));

    protected override Task ConfigureAsync(DbContextOptionsBuilder<CollabDbContext> options)
    {
        Directory.CreateDirectory(_folder);
        options.UseCollabSqlite(Path.Combine(_folder, "collab.db"));
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

/// <summary>The scaled mode's database: a fresh PostgreSQL database on the test server.</summary>
public sealed class PostgresStoreDatabase : StoreDatabase
{
    private TestDatabase? _database;

    protected override async Task ConfigureAsync(DbContextOptionsBuilder<CollabDbContext> options)
    {
        _database = await TestDatabase.CreateAsync().DefaultTimeout();
        options.UseCollabPostgres(_database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
