using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;

namespace CollabApp.Tests.Core.Events;

public sealed class SubscriberQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static RoomEvent Durable(long ms) => RoomEvents.Committed(new EventId(ms, 0), "r", ChatEventTypes.Message, DateTimeOffset.UnixEpoch, "m");

    private static RoomEvent Presence(string userId, string status) =>
        RoomEvents.Transient("r", PresenceEventTypes.Presence, DateTimeOffset.UnixEpoch, new PresenceChange(userId, userId, status));

    [Fact]
    public async Task Start_DeliversTheReplayFirst_ThenOnlyLiveEventsAfterWhatItCovered()
    {
        var queue = new SubscriberQueue(16);
        queue.Offer(Durable(1));
        queue.Offer(Durable(3));

        queue.Start([Durable(1), Durable(2)], new EventId(2, 0));
        queue.Complete();

        var ids = new List<string?>();
        await foreach (var item in queue.ReadAllAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            ids.Add(item.Event!.EventId);
        }
        Assert.Equal(["1-0", "2-0", "3-0"], ids);
    }

    [Fact]
    public async Task WhenFull_TransientEventsAreCoalescedPerSender_AndDurableOnesAreNeverDropped()
    {
        var overflows = 0;
        var queue = new SubscriberQueue(3, () => overflows++);
        queue.Start([], null);
        queue.Offer(Durable(1));
        queue.Offer(Presence("a", "online"));
        queue.Offer(Presence("b", "online"));
        queue.Offer(Presence("a", "away"));
        Assert.Equal(3, queue.Count);
        Assert.Equal(0, overflows);

        queue.Offer(Durable(2));
        queue.Offer(Durable(3));
        queue.Offer(Durable(4));

        Assert.Equal(1, overflows);
        var first = await queue.ReadAllAsync().FirstAsync().AsTask().WaitAsync(Wait);
        Assert.True(first.IsResync);
    }

    [Fact]
    public async Task Resync_SendsAKeptUpSubscriberToTheDurableStore_WithoutCountingAnOverflow()
    {
        var overflows = 0;
        var queue = new SubscriberQueue(16, () => overflows++);
        queue.Start([], null);
        queue.Offer(Durable(1));

        queue.Resync();

        var first = await queue.ReadAllAsync().FirstAsync().AsTask().WaitAsync(Wait);
        Assert.True(first.IsResync);
        Assert.Equal(0, overflows);
    }
}
