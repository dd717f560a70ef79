using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Infrastructure.Redis;
using StackExchange.Redis;
using CollabApp.Hosting;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// The acknowledgement barrier on the test Redis Cluster, whose primaries each have a replica: appended events are
/// confirmed once a replica has them, and an event its stream does not hold (lost with a dead primary) is refused.
/// </summary>
public sealed class RedisReplicaBarrierTests : IAsyncLifetime
{
    private readonly RedisKeys _keys = new($"test-{Guid.NewGuid():N}", shardedChannels: true);
    private ConnectionMultiplexer? _redis;

    private ConnectionMultiplexer Redis => _redis!;

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync(Hosting.TestEnvironment.RedisCluster).DefaultTimeout();

    public async Task DisposeAsync()
    {
        foreach (var server in Redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: _keys.Prefix + ":*"))
            {
                await Redis.GetDatabase().KeyDeleteAsync(key).DefaultTimeout();
            }
        }
        await Redis.DisposeAsync();
    }

    [Fact]
    public async Task EventsAppendedInRoomsOfSeveralShards_AreConfirmed()
    {
        var log = new RedisRoomEventLog(Redis, _keys, new UnstoredRoomList(_keys), new EventLogOptions(), CollabEventTypes.Catalog, TimeProvider.System);
        var rooms = Enumerable.Range(0, 12).Select(_ => TestEvents.NewRoomId()).ToList();
        var events = new List<RoomEvent>();
        foreach (var room in rooms)
        {
            events.Add((await log.AppendAsync(TestEvents.Message(room, "hi") with { AwaitsStore = true }, default).DefaultTimeout()).Event);
        }
        Assert.True(rooms.Select(r => Redis.GetServer(_keys.Events(r)).EndPoint).Distinct().Count() > 1, "the rooms all landed on one shard");

        await new RedisReplicaBarrier(Redis, _keys, 2000).ConfirmAsync(events, default).DefaultTimeout();
    }

    [Fact]
    public async Task AnEventTheStreamDoesNotHold_IsRefusedAsUnavailable()
    {
        var log = new RedisRoomEventLog(Redis, _keys, new UnstoredRoomList(_keys), new EventLogOptions(), CollabEventTypes.Catalog, TimeProvider.System);
        var room = TestEvents.NewRoomId();
        var held = (await log.AppendAsync(TestEvents.Message(room, "kept"), default).DefaultTimeout()).Event;
        var lost = held with { EventId = new CollabApp.Core.Events.EventId(held.Id!.Value.Ms, held.Id.Value.Seq + 1).ToString() };

        var error = await Assert.ThrowsAsync<CollabError>(() => new RedisReplicaBarrier(Redis, _keys, 2000).ConfirmAsync([held, lost], default)).DefaultTimeout();

        Assert.Equal(CollabErrorCode.Unavailable, error.Code);
    }
}
