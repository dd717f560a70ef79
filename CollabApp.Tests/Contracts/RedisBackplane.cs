using CollabApp.Infrastructure.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using CollabApp.Hosting;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// The Redis deployment: each instance has its own <see cref="ConnectionMultiplexer"/>, as separate processes
/// would, and all share one random key prefix, so test classes never see each other's keys. Disposal deletes
/// that prefix's keys and nothing else. On the cluster (<paramref name="cluster"/>) room channels are sharded, as
/// the app configures them there, and the keys are spread over the three primaries.
/// </summary>
internal sealed class RedisBackplane(BackplaneOptions options, bool cluster = false) : IBackplane
{
    public const string EndpointVariable = "COLLAB_TEST_REDIS";
    public const string ClusterVariable = "COLLAB_TEST_REDIS_CLUSTER";

    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisKeys Keys { get; } = new($"test-{Guid.NewGuid():N}", shardedChannels: cluster);

    private string Endpoint => Require(cluster ? ClusterVariable : EndpointVariable);

    /// <summary>The test Redis endpoints; the test runner always sets them, so their absence is a failure.</summary>
    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException(
                $"{variable} is not set: the Redis contract tests need the Redis endpoints that eng/test.sh starts.");

    public async Task<PortInstance> AddInstanceAsync()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(Endpoint).DefaultTimeout();
        lock (_connections)
        {
            _connections.Add(redis);
        }
        return new PortInstance(
            new RedisRoomEventLog(redis, Keys, new UnstoredRoomList(Keys), options.EventLog, CollabEventTypes.Catalog, TimeProvider.System),
            new RedisRoomEventBus(redis, Keys, CollabEventTypes.Catalog, NullLogger<RedisRoomEventBus>.Instance),
            new RedisDocumentLog(redis, Keys, new UnstoredRoomList(Keys), options.Documents, options.EventLog, CollabEventTypes.Catalog, TimeProvider.System),
            new RedisPresenceStore(redis, Keys),
            new RedisRateLimiter(redis, Keys),
            new RedisConnectionSlots(redis, Keys),
            new RedisInstanceStatsStore(redis, Keys, TimeProvider.System));
    }

    /// <summary>The bytes Redis uses for this backplane's keys (MEMORY USAGE of each, every nested value counted).</summary>
    public async Task<long> MemoryUsageAsync()
    {
        var redis = _connections[0];
        var total = 0L;
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: Keys.Prefix + ":*"))
            {
                total += (long)await server.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", 0).DefaultTimeout();
            }
        }
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connections.Count > 0)
        {
            var redis = _connections[0];
            var database = redis.GetDatabase();
            foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
            {
                await foreach (var key in server.KeysAsync(pattern: Keys.Prefix + ":*"))
                {
                    await database.KeyDeleteAsync(key).DefaultTimeout();
                }
            }
        }
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().DefaultTimeout();
        }
    }
}
