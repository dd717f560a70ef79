using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Core.Events;

/// <summary>
/// The fan-out over a bus that loses messages (as pub/sub does while a connection is down): a subscriber still gets
/// every durable event once, in order, or is told to resync; never a silent gap.
/// </summary>
public sealed class RoomFanoutGapTests
{
    private readonly InMemoryRoomEventBus _bus = new();
    private readonly HashSet<string> _lost = new(StringComparer.Ordinal);

    [Fact]
    public async Task LostEvents_AreReadFromTheLog_BeforeTheNextOne_InOrder_OnceEach()
    {
        var log = new InMemoryRoomEventLog(_bus, new EventLogOptions(), TimeProvider.System);
        await using var fanout = new RoomFanout(new LossyBus(_bus, _lost), log, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        await using var subscription = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        subscription.Queue.Start([], null);

        var sent = new List<RoomEvent>();
        foreach (var text in new[] { "one", "lost-two", "lost-three", "four", "five" })
        {
            if (text.StartsWith("lost", StringComparison.Ordinal))
            {
                _lost.Add(text);
            }
            sent.Add((await log.AppendAsync(TestEvents.Message(roomId, text), default).DefaultTimeout()).Event);
        }

        Assert.Equal(sent, await ReadAsync(subscription.Queue, sent.Count));
    }

    [Fact]
    public async Task LostEvents_OfAQuietRoom_AreDeliveredByACatchUp()
    {
        var log = new InMemoryRoomEventLog(_bus, new EventLogOptions(), TimeProvider.System);
        await using var fanout = new RoomFanout(new LossyBus(_bus, _lost), log, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        var first = (await log.AppendAsync(TestEvents.Message(roomId, "before"), default).DefaultTimeout()).Event;
        await using var subscription = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        subscription.Queue.Start([], first.Id);
        _lost.Add("lost");
        var lost = (await log.AppendAsync(TestEvents.Message(roomId, "lost"), default).DefaultTimeout()).Event;
        Assert.Equal(0, subscription.Queue.Count);

        await fanout.CatchUpAllAsync().DefaultTimeout();

        Assert.Equal([lost], await ReadAsync(subscription.Queue, 1));
    }

    [Fact]
    public async Task LostEvents_TheLogNoLongerHas_ResyncTheSubscriber()
    {
        var log = new InMemoryRoomEventLog(_bus, new EventLogOptions { RetainedEvents = 2 }, TimeProvider.System);
        await using var fanout = new RoomFanout(new LossyBus(_bus, _lost), log, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        await using var subscription = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        var before = (await log.AppendAsync(TestEvents.Message(roomId, "before"), default).DefaultTimeout()).Event;
        subscription.Queue.Start([], before.Id);
        for (var i = 0; i < 5; i++)
        {
            _lost.Add($"lost-{i}");
            await log.AppendAsync(TestEvents.Message(roomId, $"lost-{i}"), default).DefaultTimeout();
        }
        await log.AppendAsync(TestEvents.Message(roomId, "reveals the gap"), default).DefaultTimeout();

        // Nothing after the gap is delivered as if nothing were missing: the subscriber is told to reload instead.
        await using var reader = subscription.Queue.ReadAllAsync().GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().DefaultTimeout());
        Assert.True(reader.Current.IsResync);
    }

    // After a subscription connection fails, the rooms catch up every second until the log answers again (a failover).
    [Fact]
    public async Task ACatchUpWhileTheLogIsUnreadable_ChangesNothing_AndALaterOneDelivers()
    {
        var inner = new InMemoryRoomEventLog(_bus, new EventLogOptions(), TimeProvider.System);
        var log = new UnreadableLog(inner);
        await using var fanout = new RoomFanout(new LossyBus(_bus, _lost), log, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        var first = (await inner.AppendAsync(TestEvents.Message(roomId, "before"), default).DefaultTimeout()).Event;
        await using var subscription = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        subscription.Queue.Start([], first.Id);
        _lost.Add("lost");
        var lost = (await inner.AppendAsync(TestEvents.Message(roomId, "lost"), default).DefaultTimeout()).Event;

        log.Unreadable = true;
        await fanout.CatchUpAllAsync().DefaultTimeout();
        Assert.Equal(0, subscription.Queue.Count);
        log.Unreadable = false;
        await fanout.CatchUpAllAsync().DefaultTimeout();

        Assert.Equal([lost], await ReadAsync(subscription.Queue, 1));
    }

    // Catch-ups repeat after a connection failure: a subscriber that rejoined after the resync must not be sent back.
    [Fact]
    public async Task ALossTheLogCannotFill_ResyncsOnce_NotAtEveryCatchUp()
    {
        var log = new InMemoryRoomEventLog(_bus, new EventLogOptions { RetainedEvents = 2 }, TimeProvider.System);
        await using var fanout = new RoomFanout(new LossyBus(_bus, _lost), log, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        await using var first = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        var before = (await log.AppendAsync(TestEvents.Message(roomId, "before"), default).DefaultTimeout()).Event;
        first.Queue.Start([], before.Id);
        for (var i = 0; i < 5; i++)
        {
            _lost.Add($"lost-{i}");
            await log.AppendAsync(TestEvents.Message(roomId, $"lost-{i}"), default).DefaultTimeout();
        }

        await fanout.CatchUpAllAsync().DefaultTimeout();
        await using (var reader = first.Queue.ReadAllAsync().GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync().DefaultTimeout());
            Assert.True(reader.Current.IsResync);
        }
        await using var rejoined = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        rejoined.Queue.Start([], await log.GetLatestIdAsync(roomId, default).DefaultTimeout());
        await fanout.CatchUpAllAsync().DefaultTimeout();
        var next = (await log.AppendAsync(TestEvents.Message(roomId, "next"), default).DefaultTimeout()).Event;

        Assert.Equal([next], await ReadAsync(rejoined.Queue, 1));
    }

    [Fact]
    public async Task ACatchUpOfARoomWithoutEvents_DoesNotResync()
    {
        var log = new InMemoryRoomEventLog(_bus, new EventLogOptions(), TimeProvider.System);
        await using var fanout = new RoomFanout(new LossyBus(_bus, _lost), log, new FanoutOptions());
        var roomId = TestEvents.NewRoomId();
        await using var subscription = await fanout.SubscribeAsync(roomId, default).DefaultTimeout();
        subscription.Queue.Start([], null);

        await fanout.CatchUpAllAsync().DefaultTimeout();
        var first = (await log.AppendAsync(TestEvents.Message(roomId, "first"), default).DefaultTimeout()).Event;

        Assert.Equal([first], await ReadAsync(subscription.Queue, 1));
    }

    private static async Task<List<RoomEvent>> ReadAsync(SubscriberQueue queue, int count)
    {
        var seen = new List<RoomEvent>();
        await using var reader = queue.ReadAllAsync().GetAsyncEnumerator();
        while (seen.Count < count && await reader.MoveNextAsync().DefaultTimeout())
        {
            Assert.False(reader.Current.IsResync, "the subscriber was resynchronised");
            seen.Add(reader.Current.Event!);
        }
        return seen;
    }

    // A log whose reads fail as Redis's do while a shard has no primary.
    private sealed class UnreadableLog(IRoomEventLog inner) : IRoomEventLog
    {
        public volatile bool Unreadable;

        public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken) => inner.AppendAsync(request, cancellationToken);

        public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken) =>
            Unreadable ? throw CollabApp.Core.CollabError.Unavailable("down") : inner.ReadAfterAsync(roomId, after, cancellationToken);

        public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken) =>
            Unreadable ? throw CollabApp.Core.CollabError.Unavailable("down") : inner.GetLatestIdAsync(roomId, cancellationToken);

        public Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken) => inner.ReadSnapshotPointAsync(roomId, cancellationToken);

        public Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken) => inner.MarkStoredAsync(roomId, ids, cancellationToken);

        public Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken) =>
            inner.ReadUnstoredAsync(appendedBefore, limit, cancellationToken);
    }

    // Drops the messages whose chat text is listed, like a subscription connection that was down when they were published.
    private sealed class LossyBus(InMemoryRoomEventBus inner, HashSet<string> lost) : IRoomEventBus
    {
        public Task PublishTransientAsync(RoomEvent roomEvent, CancellationToken cancellationToken) =>
            inner.PublishTransientAsync(roomEvent, cancellationToken);

        public Task<IAsyncDisposable> SubscribeAsync(string roomId, Func<BusMessage, ValueTask> onEvent, CancellationToken cancellationToken) =>
            inner.SubscribeAsync(roomId, message =>
                message.Event.Data is ChatMessage { Text: var text } && lost.Contains(text) ? ValueTask.CompletedTask : onEvent(message),
                cancellationToken);
    }
}
