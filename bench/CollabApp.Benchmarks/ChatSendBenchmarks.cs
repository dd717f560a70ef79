using BenchmarkDotNet.Attributes;
using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CollabApp.Benchmarks;

/// <summary>
/// The durable chat send path in-process: rights check, idempotency lookup, stream append, database insert,
/// over the app's real EF Core adapters on a SQLite file. Compares the room-rights check straight to the
/// database (before) with the caching directory the app uses (after), in the same run.
/// </summary>
[MemoryDiagnoser]
public class ChatSendBenchmarks
{
    private readonly CollabUser _user = new("u1", "ada", "Ada");
    private string _databasePath = "";
    private ChatService _uncached = null!;
    private ChatService _cached = null!;

    [GlobalSetup]
    public void Setup()
    {
        _databasePath = Path.Combine(Path.GetTempPath(), $"collab-bench-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<CollabDbContext>().UseSqlite($"Data Source={_databasePath}").Options;
        var contexts = new PooledDbContextFactory<CollabDbContext>(options);
        new DatabaseInitializer(contexts, TimeProvider.System).InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        var directory = new EfRoomDirectory(contexts);
        _uncached = Chat(contexts, directory);
        _cached = Chat(contexts, new CachingRoomDirectory(directory));
    }

    private static ChatService Chat(IDbContextFactory<CollabDbContext> contexts, IRoomDirectory directory)
    {
        var bus = new InMemoryRoomEventBus();
        var log = new InMemoryRoomEventLog(bus, new EventLogOptions(), TimeProvider.System);
        return new ChatService(new RoomAccess(directory), new EfChatStore(contexts), log, bus, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }

    [Benchmark(Baseline = true, Description = "SendMessage, rights from the database")]
    public Task<ChatMessage> SendUncached() =>
        _uncached.SendAsync(_user, DatabaseInitializer.LobbyId, Guid.NewGuid().ToString(), "hello", CancellationToken.None);

    [Benchmark(Description = "SendMessage, cached rights")]
    public Task<ChatMessage> SendCached() =>
        _cached.SendAsync(_user, DatabaseInitializer.LobbyId, Guid.NewGuid().ToString(), "hello", CancellationToken.None);
}
