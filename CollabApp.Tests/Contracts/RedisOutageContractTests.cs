using CollabApp.Core;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Protection;
using CollabApp.Infrastructure.Redis;
using CollabApp.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using CollabApp.Hosting;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// Every Redis adapter with Redis unreachable: a call whose answer needs Redis is Core's <c>unavailable</c> with nothing
/// of the library's message (endpoints) in it; a limit fails open, and advisory figures are skipped, as their ports say.
/// </summary>
public sealed class RedisOutageContractTests : IAsyncLifetime
{
    private const string Endpoint = "127.0.0.1:1";
    private readonly RedisKeys _keys = new("test-down");
    private ConnectionMultiplexer? _redis;

    private ConnectionMultiplexer Redis => _redis ?? throw new InvalidOperationException("not connected");

    public async Task InitializeAsync()
    {
        var options = ConfigurationOptions.Parse(Endpoint);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 200;
        _redis = await ConnectionMultiplexer.ConnectAsync(options).DefaultTimeout();
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task EventLog_Append_IsUnavailable() =>
        await AssertUnavailableAsync(() => new RedisRoomEventLog(Redis, _keys, new UnstoredRoomList(_keys), new EventLogOptions(), CollabEventTypes.Catalog, TimeProvider.System)
            .AppendAsync(TestEvents.Message("lobby", "hi"), default));

    [Fact]
    public async Task EventLog_ReadAfter_IsUnavailable() =>
        await AssertUnavailableAsync(() => new RedisRoomEventLog(Redis, _keys, new UnstoredRoomList(_keys), new EventLogOptions(), CollabEventTypes.Catalog, TimeProvider.System)
            .ReadAfterAsync("lobby", new EventId(0, 0), default));

    [Fact]
    public async Task Bus_PublishAndSubscribe_AreUnavailable()
    {
        var bus = new RedisRoomEventBus(Redis, _keys, CollabEventTypes.Catalog, NullLogger<RedisRoomEventBus>.Instance);

        await AssertUnavailableAsync(() => bus.PublishTransientAsync(TestEvents.Typing("lobby", "u1"), default));
        await AssertUnavailableAsync(() => bus.SubscribeAsync("lobby", _ => ValueTask.CompletedTask, default));
    }

    [Fact]
    public async Task DocumentLog_CommitAndRead_AreUnavailable()
    {
        var log = new RedisDocumentLog(Redis, _keys, new UnstoredRoomList(_keys), new CollabApp.Core.Documents.DocumentOptions(), new EventLogOptions(), CollabEventTypes.Catalog, TimeProvider.System);

        await AssertUnavailableAsync(() => log.TryCommitAsync("lobby", 0, TestEvents.Operation(1), TestEvents.At, default));
        await AssertUnavailableAsync(() => log.ReadAfterAsync("lobby", 0, default));
    }

    [Fact]
    public async Task Presence_AddAndList_AreUnavailable()
    {
        var presence = new RedisPresenceStore(Redis, _keys);

        await AssertUnavailableAsync(() => presence.AddConnectionAsync("lobby", new PresenceConnection("c1", "u1", "ann"), away: false, TestEvents.At, default));
        await AssertUnavailableAsync(() => presence.ListAsync("lobby", default));
    }

    [Fact]
    public async Task InstanceStats_Read_IsUnavailable_AndPublishing_IsSkipped()
    {
        var stats = new RedisInstanceStatsStore(Redis, _keys, TimeProvider.System);

        await stats.PublishAsync(new InstanceStats("i1", TestEvents.At, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), default).DefaultTimeout();
        await AssertUnavailableAsync(() => stats.ReadAllAsync(default));
    }

    [Fact]
    public async Task RateLimiter_FailsOpen()
    {
        var limiter = new RedisRateLimiter(Redis, _keys);

        Assert.True(await limiter.TryAcquireAsync("u1", new TokenBucket(0.001, 1), default).DefaultTimeout());
        Assert.True(await limiter.TryAcquireAsync("u1", new TokenBucket(0.001, 1), default).DefaultTimeout());
    }

    [Fact]
    public async Task ConnectionSlots_FailOpen_AndRenewing_IsUnavailable()
    {
        var slots = new RedisConnectionSlots(Redis, _keys);

        Assert.True(await slots.TryTakeAsync("hub", "c1", limit: 0, default).DefaultTimeout());
        Assert.Equal(0, await slots.CountAsync("hub", default).DefaultTimeout());
        await slots.ReleaseAsync("hub", "c1", default).DefaultTimeout();
        await AssertUnavailableAsync(() => slots.RenewAsync([("hub", "c1")], default));
    }

    private static async Task AssertUnavailableAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<CollabError>(call).DefaultTimeout();

        Assert.Equal(CollabErrorCode.Unavailable, error.Code);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
    }
}
