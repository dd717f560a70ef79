using BenchmarkDotNet.Attributes;
using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Benchmarks;

/// <summary>
/// The durable chat send path in-process: rights check, idempotency lookup, stream append, database insert, over
/// the app's real EF Core adapters on a SQLite file. Three steps of the same path in one run: the first version
/// (rights read from the database, a new context per store call), then cached rights, then pooled contexts, the
/// app's current configuration. The contexts come from the same DI registrations the app used and uses.
/// </summary>
[MemoryDiagnoser]
public class ChatSendBenchmarks
{
    private readonly CollabUser _user = new("u1", "ada", "Ada");
    private readonly List<ServiceProvider> _providers = [];
    private string _databasePath = "";
    private ChatService _first = null!;
    private ChatService _cachedRights = null!;
    private ChatService _pooledContexts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _databasePath = Path.Combine(Path.GetTempPath(), $"collab-bench-{Guid.NewGuid():N}.db");
        var plain = Contexts(pooled: false);
        var pooled = Contexts(pooled: true);
        new DatabaseInitializer(pooled, TimeProvider.System).InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _first = Chat(plain, new EfRoomDirectory(plain));
        _cachedRights = Chat(plain, new CachingRoomDirectory(new EfRoomDirectory(plain)));
        _pooledContexts = Chat(pooled, new CachingRoomDirectory(new EfRoomDirectory(pooled)));
    }

    private IDbContextFactory<CollabDbContext> Contexts(bool pooled)
    {
        var services = new ServiceCollection();
        void Configure(DbContextOptionsBuilder options) => options.UseCollabSqlite(_databasePath);
        if (pooled)
        {
            services.AddPooledDbContextFactory<CollabDbContext>(Configure);
        }
        else
        {
            services.AddDbContextFactory<CollabDbContext>(Configure);
        }
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IDbContextFactory<CollabDbContext>>();
    }

    private static ChatService Chat(IDbContextFactory<CollabDbContext> contexts, IRoomDirectory directory)
    {
        var bus = new InMemoryRoomEventBus();
        var log = new InMemoryRoomEventLog(bus, new EventLogOptions(), TimeProvider.System);
        var chat = new EfChatStore(contexts);
        var persister = new EventPersister(log, [new ChatMessagePersistence(chat), new MessageChangePersistence(chat)]);
        return new ChatService(new RoomAccess(directory), chat, log, persister, bus, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _providers.ForEach(p => p.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }

    [Benchmark(Baseline = true, Description = "SendMessage: rights from the database, new context per call")]
    public Task<ChatMessage> SendFirstVersion() => SendAsync(_first);

    [Benchmark(Description = "SendMessage: cached rights, new context per call")]
    public Task<ChatMessage> SendCachedRights() => SendAsync(_cachedRights);

    [Benchmark(Description = "SendMessage: cached rights, pooled contexts")]
    public Task<ChatMessage> SendPooledContexts() => SendAsync(_pooledContexts);

    private Task<ChatMessage> SendAsync(ChatService chat) =>
        chat.SendAsync(_user, DatabaseInitializer.LobbyId, Guid.NewGuid().ToString(), "hello", CancellationToken.None);
}
