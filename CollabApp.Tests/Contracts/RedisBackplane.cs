using CollabApp.Infrastructure.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// The Redis deployment: each instance has its own <see cref="ConnectionMultiplexer"/>, as separate processes
/// would, and all share one random key prefix, so test classes never see each other's keys. Disposal deletes
/// that prefix's keys and nothing else.
/// </summary>
internal sealed class RedisBackplane(BackplaneOptions options) : IBackplane
{
    public const string EndpointVariable = "COLLAB_TEST_REDIS";

    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisKeys Keys { get; } = new($"test-{Guid.NewGuid():N}");

    /// <summary>The test Redis endpoint; the test runner always sets it, so its absence is a failure.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException(
                $"{EndpointVariable} is not set: the Redis contract tests need a Redis endpoint, e.g. {EndpointVariable}=127.0.0.1:6391.");

    public async Task<PortInstance> AddInstanceAsync()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(Endpoint).DefaultTimeout();
        lock (_connections)
        {
            _connections.Add(redis);
        }
        return new PortInstance(
            new RedisRoomEventLog(redis, Keys, new UnstoredRoomList(Keys), options.EventLog, TimeProvider.System),
            new RedisRoomEventBus(redis, Keys, NullLogger<RedisRoomEventBus>.Instance),
            new RedisDocumentLog(redis, Keys, new UnstoredRoomList(Keys), options.Documents, options.EventLog, TimeProvider.System),
            new RedisPresenceStore(redis, Keys));
    }

    public async ValueTask DisposeAsync()
    {
        if (_connections.Count > 0)
        {
            var redis = _connections[0];
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            var database = redis.GetDatabase();
            await foreach (var key in server.KeysAsync(pattern: Keys.Prefix + ":*"))
            {
                await database.KeyDeleteAsync(key).DefaultTimeout();
            }
        }
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().DefaultTimeout();
        }
    }
}
