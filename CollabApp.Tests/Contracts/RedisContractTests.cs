using CollabApp.Infrastructure.Redis;

namespace CollabApp.Tests.Contracts;

// The scaled mode's ports through the contracts, against the Redis at COLLAB_TEST_REDIS. Each test gets a
// fresh random key prefix, and each "instance" its own connection.

public sealed class RedisRoomEventLogTests : RoomEventLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
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

public sealed class RedisRateLimiterTests : RateLimiterContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

public sealed class RedisInstanceStatsStoreTests : InstanceStatsStoreContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options);
}

public sealed class RedisConnectionSlotsTests : ConnectionSlotsContractTests
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

public sealed class RedisClusterRateLimiterTests : RateLimiterContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterInstanceStatsStoreTests : InstanceStatsStoreContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}

public sealed class RedisClusterConnectionSlotsTests : ConnectionSlotsContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new RedisBackplane(options, cluster: true);
}
