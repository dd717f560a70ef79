using CollabApp.E2E.Infrastructure;

namespace CollabApp.E2E.Faults;

/// <summary>
/// Three app instances on a private PostgreSQL database (or, for tests that stop the database, a private PostgreSQL
/// server) and a private Redis, for tests that break one of them.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    private readonly IAsyncDisposable _database;

    private FaultCluster(IAsyncDisposable database, TestRedis redis, IReadOnlyList<AppInstance> instances)
    {
        _database = database;
        Redis = redis;
        Instances = instances;
    }

    public TestRedis Redis { get; }

    /// <summary>The private server, when the cluster was started with one.</summary>
    public TestPostgres? Postgres => _database as TestPostgres;

    public IReadOnlyList<AppInstance> Instances { get; }

    public IReadOnlyList<Uri> Urls => [.. Instances.Select(i => i.BaseUrl)];

    public static async Task<FaultCluster> StartAsync(bool privatePostgres = false)
    {
        var (database, connectionString) = privatePostgres
            ? await StartServerAsync()
            : await CreateDatabaseAsync();
        var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = connectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string>
            {
                ["Collab__Auth__SigningKey"] = "fault-test-signing-key-" + Guid.NewGuid().ToString("N"),
                // Clients reconnect in bursts while a part is down; the limits are not what these tests are about.
                ["Collab__Limits__ConnectionsPerMinute"] = "10000",
            },
        };
        var instances = new List<AppInstance>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            instances.Add(await AppInstance.StartAsync(options with { InstanceId = id }));
        }
        return new FaultCluster(database, redis, instances);
    }

    private static async Task<(IAsyncDisposable, string)> StartServerAsync()
    {
        var server = await TestPostgres.StartAsync();
        return (server, server.ConnectionString);
    }

    private static async Task<(IAsyncDisposable, string)> CreateDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        return (database, database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }
        await Redis.DisposeAsync();
        await _database.DisposeAsync();
    }
}
