using CollabApp.Core.Events;

namespace CollabApp.Tests.Contracts;

/// <summary>What every <see cref="IRoomEventBus"/> must do, alone and with <see cref="RoomFanout"/> on several instances.</summary>
public abstract class RoomEventBusContractTests
{
    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task Subscription_GetsDurableAndTransientEvents_OnceEach_InPublishOrder()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var collector = new EventCollector();
        await using var subscription = await instance.Bus.SubscribeAsync(roomId, collector.OnEvent, default).DefaultTimeout();

        var published = new List<RoomEvent>();
        for (var i = 0; i < 20; i++)
        {
            published.Add((await instance.Events.AppendAsync(TestEvents.Message(roomId, $"m{i}"), default).DefaultTimeout()).Event);
            var typing = TestEvents.Typing(roomId, $"user-{i}");
            await instance.Bus.PublishTransientAsync(typing, default).DefaultTimeout();
            published.Add(typing);
        }

        Assert.Equal(published, await collector.DrainAsync(instance.Bus, roomId));
    }

    [Fact]
    public async Task Subscription_GetsOnlyItsRoom()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var collector = new EventCollector();
        await using var subscription = await instance.Bus.SubscribeAsync(roomId, collector.OnEvent, default).DefaultTimeout();

        await instance.Events.AppendAsync(TestEvents.Message(TestEvents.NewRoomId(), "elsewhere"), default).DefaultTimeout();
        await instance.Bus.PublishTransientAsync(TestEvents.Typing(TestEvents.NewRoomId(), "u2"), default).DefaultTimeout();

        Assert.Empty(await collector.DrainAsync(instance.Bus, roomId));
    }

    [Fact]
    public async Task DisposedSubscription_GetsNothingMore_OthersStillDo()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var kept = new EventCollector();
        var dropped = new EventCollector();
        await using var keptSubscription = await instance.Bus.SubscribeAsync(roomId, kept.OnEvent, default).DefaultTimeout();
        var droppedSubscription = await instance.Bus.SubscribeAsync(roomId, dropped.OnEvent, default).DefaultTimeout();

        var before = (await instance.Events.AppendAsync(TestEvents.Message(roomId, "before"), default).DefaultTimeout()).Event;
        Assert.Equal([before], await dropped.DrainAsync(instance.Bus, roomId));
        await droppedSubscription.DisposeAsync().DefaultTimeout();
        var after = (await instance.Events.AppendAsync(TestEvents.Message(roomId, "after"), default).DefaultTimeout()).Event;

        var keptEvents = await kept.DrainAsync(instance.Bus, roomId);
        Assert.Equal([before, after], keptEvents.Where(e => e.IsDurable));
        // The kept subscription got "after" and a later marker; delivery to the dropped one is over (its
        // disposal completed before "after" was published), so nothing may have arrived there since.
        Assert.Equal(0, dropped.Pending);
    }

    [Fact]
    public async Task TwoInstances_EachGetEveryEventOnce_InTheSameCommitOrder()
    {
        await using var backplane = CreateBackplane(new());
        var first = await backplane.AddInstanceAsync().DefaultTimeout();
        var second = await backplane.AddInstanceAsync().DefaultTimeout();
        await using var firstFanout = new RoomFanout(first.Bus, first.Events, new FanoutOptions());
        await using var secondFanout = new RoomFanout(second.Bus, second.Events, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        await using var firstSubscription = await firstFanout.SubscribeAsync(roomId, default).DefaultTimeout();
        await using var secondSubscription = await secondFanout.SubscribeAsync(roomId, default).DefaultTimeout();
        firstSubscription.Queue.Start([], null);
        secondSubscription.Queue.Start([], null);

        // Both instances commit at once: 2 x 50 appends racing each other.
        var appended = await Task.WhenAll(
            AppendManyAsync(first.Events, roomId, "a", 50),
            AppendManyAsync(second.Events, roomId, "b", 50)).DefaultTimeout();
        var marker = TestEvents.Typing(roomId, "marker");
        await first.Bus.PublishTransientAsync(marker, default).DefaultTimeout();

        var firstSeen = await ReadUntilAsync(firstSubscription.Queue, marker);
        var secondSeen = await ReadUntilAsync(secondSubscription.Queue, marker);
        Assert.Equal(firstSeen, secondSeen);
        Assert.Equal(100, firstSeen.Count);
        Assert.Equal(appended.SelectMany(a => a).Select(e => e.EventId).Order(), firstSeen.Select(e => e.EventId).Order());
        for (var i = 1; i < firstSeen.Count; i++)
        {
            Assert.True(firstSeen[i].Id > firstSeen[i - 1].Id, $"event {i} arrived out of commit order");
        }
    }

    private static async Task<List<RoomEvent>> AppendManyAsync(IRoomEventLog log, string roomId, string tag, int count)
    {
        var events = new List<RoomEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add((await log.AppendAsync(TestEvents.Message(roomId, $"{tag}{i}"), default).DefaultTimeout()).Event);
        }
        return events;
    }

    private static async Task<List<RoomEvent>> ReadUntilAsync(SubscriberQueue queue, RoomEvent marker)
    {
        var seen = new List<RoomEvent>();
        await using var reader = queue.ReadAllAsync().GetAsyncEnumerator();
        while (await reader.MoveNextAsync().DefaultTimeout())
        {
            Assert.False(reader.Current.IsResync, "the subscriber overflowed");
            if (reader.Current.Event!.Equals(marker))
            {
                return seen;
            }
            seen.Add(reader.Current.Event);
        }
        throw new InvalidOperationException("the queue ended before the marker");
    }
}
