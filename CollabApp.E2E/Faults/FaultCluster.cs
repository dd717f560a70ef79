using CollabApp.E2E.Infrastructure;

namespace CollabApp.E2E.Faults;

/// <summary>
/// Three app instances on a private PostgreSQL database (or, for tests that stop the database, a private PostgreSQL
/// server) and a private Redis (or a private Redis Cluster), for tests that break one of them.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    private readonly IAsyncDisposable _database;
    private readonly IAsyncDisposable _redis;

    private FaultCluster(IAsyncDisposable database, IAsyncDisposable redis, IReadOnlyList<AppInstance> instances)
    {
        _database = database;
        _redis = redis;
        Instances = instances;
    }

    public TestRedis Redis => _redis as TestRedis ?? throw new InvalidOperationException("this cluster runs on a Redis Cluster");

    /// <summary>The private Redis Cluster, when the cluster was started with one.</summary>
    public TestRedisCluster? RedisCluster => _redis as TestRedisCluster;

    /// <summary>The private server, when the cluster was started with one.</summary>
    public TestPostgres? Postgres => _database as TestPostgres;

    public IReadOnlyList<AppInstance> Instances { get; }

    public IReadOnlyList<Uri> Urls => [.. Instances.Select(i => i.BaseUrl)];

    public static async Task<FaultCluster> StartAsync(bool privatePostgres = false, bool redisCluster = false)
    {
        var (database, connectionString) = privatePostgres
            ? await StartServerAsync()
            : await CreateDatabaseAsync();
        var (redis, redisConnection) = redisCluster
            ? await StartRedisClusterAsync()
            : await StartRedisAsync();
        var options = new AppInstanceOptions
        {
            Postgres = connectionString,
            Redis = redisConnection,
            Environment = new Dictionary<string, string>
            {
                ["Collab__Auth__SigningKey"] = "fault-test-signing-key-" + Guid.NewGuid().ToString("N"),
                // Clients reconnect in bursts while a part is down; the limits are not what these tests are about.
                ["Collab__Limits__ConnectionsPerMinute"] = "10000",
                ["Collab__Redis__Cluster"] = redisCluster ? "true" : "false",
            },
        };
        var instances = new List<AppInstance>();
        foreach (var id in new[] { "a", "b", "c" })
        {
            instances.Add(await AppInstance.StartAsync(options with { InstanceId = id }));
        }
        return new FaultCluster(database, redis, instances);
    }

    private static async Task<(IAsyncDisposable, string)> StartRedisAsync()
    {
        var redis = await TestRedis.StartAsync();
        return (redis, redis.ConnectionString);
    }

    private static async Task<(IAsyncDisposable, string)> StartRedisClusterAsync()
    {
        var redis = await TestRedisCluster.StartAsync();
        return (redis, redis.ConnectionString);
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
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
    }
}
