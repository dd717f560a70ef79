using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Infrastructure.Redis;
using StackExchange.Redis;

namespace CollabApp.Tests.Contracts;

// The scaled mode's ports through the contracts, against the Redis at COLLAB_TEST_REDIS. Each test gets a
// fresh random key prefix, and each "instance" its own connection.

public sealed class RedisRoomEventLogTests : RoomEventLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);

    [Fact]
    public async Task RedisDown_IsUnavailable_WithoutRedisDetails()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 200;
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(options).DefaultTimeout();
        var keys = new RedisKeys("test-down");
        var log = new RedisRoomEventLog(unreachable, keys, new UnstoredRoomList(keys), new EventLogOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<CollabError>(() => log.AppendAsync(TestEvents.Message("lobby", "hi"), default)).DefaultTimeout();

        Assert.Equal(CollabErrorCode.Unavailable, error.Code);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
    }
}

public sealed class RedisRoomEventBusTests : RoomEventBusContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

public sealed class RedisDocumentLogTests : DocumentLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

public sealed class RedisPresenceStoreTests : PresenceStoreContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

public sealed class RedisDocumentSequencerTests : DocumentSequencerContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

public sealed class RedisStoredEventsTests : StoredEventsContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

// The same contracts on the test Redis Cluster (COLLAB_TEST_REDIS_CLUSTER): every script must touch one slot (the
// cluster refuses the others), and room channels are sharded.

public sealed class RedisClusterRoomEventLogTests : RoomEventLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterRoomEventBusTests : RoomEventBusContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterDocumentLogTests : DocumentLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterPresenceStoreTests : PresenceStoreContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterDocumentSequencerTests : DocumentSequencerContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterStoredEventsTests : StoredEventsContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}
