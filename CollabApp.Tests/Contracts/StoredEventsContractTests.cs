using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// What every <see cref="IRoomEventLog"/> must do for the one commit path: track events the database has yet to store,
/// never let a snapshot claim them, hand them to the sweeper, never trim them, refuse appends when too many pile up,
/// have keys checked against the database while a stream is new, and name each event's predecessor on the bus.
/// </summary>
public abstract class StoredEventsContractTests
{
    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task SnapshotPoint_WithNothingUnstored_IsTheNewestId()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();
        var empty = await log.ReadSnapshotPointAsync(roomId, default).DefaultTimeout();
        Assert.Null(empty.StoredUpTo);
        Assert.Empty(empty.Later);

        var first = await AppendAsync(log, roomId, awaitsStore: false);
        var second = await AppendAsync(log, roomId, awaitsStore: false);

        var point = await log.ReadSnapshotPointAsync(roomId, default).DefaultTimeout();
        Assert.Equal(second.Id, point.StoredUpTo);
        Assert.Empty(point.Later);
        Assert.True(first.Id < second.Id);
    }

    [Fact]
    public async Task SnapshotPoint_StopsBeforeTheOldestUnstoredEvent_AndListsEverythingAfter_UntilItIsStored()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();
        var stored = await AppendAsync(log, roomId, awaitsStore: false);
        var unstored = await AppendAsync(log, roomId, awaitsStore: true);
        var after = await AppendAsync(log, roomId, awaitsStore: false);

        var point = await log.ReadSnapshotPointAsync(roomId, default).DefaultTimeout();
        Assert.Equal(stored.Id, point.StoredUpTo);
        Assert.Equal([unstored, after], point.Later);

        await log.MarkStoredAsync(roomId, [unstored.Id!.Value], default).DefaultTimeout();
        point = await log.ReadSnapshotPointAsync(roomId, default).DefaultTimeout();
        Assert.Equal(after.Id, point.StoredUpTo);
        Assert.Empty(point.Later);
    }

    [Fact]
    public async Task ReadUnstored_ListsOldEnoughUnstoredEvents_OfEveryRoom_UntilMarkedStored()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomA = TestEvents.NewRoomId();
        var roomB = TestEvents.NewRoomId();
        var a = await AppendAsync(log, roomA, awaitsStore: true);
        await AppendAsync(log, roomA, awaitsStore: false);
        var b = await AppendAsync(log, roomB, awaitsStore: true);

        Assert.DoesNotContain(a, await log.ReadUnstoredAsync(DateTimeOffset.FromUnixTimeMilliseconds(a.Id!.Value.Ms), 100, default).DefaultTimeout());
        var later = DateTimeOffset.UtcNow.AddSeconds(5);
        var found = await log.ReadUnstoredAsync(later, 100, default).DefaultTimeout();
        Assert.Contains(a, found);
        Assert.Contains(b, found);

        await log.MarkStoredAsync(roomA, [a.Id!.Value], default).DefaultTimeout();
        found = await log.ReadUnstoredAsync(later, 100, default).DefaultTimeout();
        Assert.DoesNotContain(a, found);
        Assert.Contains(b, found);
    }

    [Fact]
    public async Task Trimming_NeverDropsAnUnstoredEvent()
    {
        await using var backplane = CreateBackplane(new(RetainedEvents: 10));
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();
        var unstored = await AppendAsync(log, roomId, awaitsStore: true);
        for (var i = 0; i < 30; i++)
        {
            await AppendAsync(log, roomId, awaitsStore: false);
        }

        Assert.Contains(unstored, await log.ReadUnstoredAsync(DateTimeOffset.UtcNow.AddSeconds(5), 100, default).DefaultTimeout());
        Assert.Equal(unstored, (await log.ReadSnapshotPointAsync(roomId, default).DefaultTimeout()).Later[0]);

        // Once stored, it is trimmed like the rest.
        await log.MarkStoredAsync(roomId, [unstored.Id!.Value], default).DefaultTimeout();
        for (var i = 0; i < 20; i++)
        {
            await AppendAsync(log, roomId, awaitsStore: false);
        }
        Assert.False((await log.ReadAfterAsync(roomId, unstored.Id!.Value, default).DefaultTimeout()).Resumable);
    }

    [Fact]
    public async Task ByteRetention_NeverDropsAnUnstoredEvent_AndAppendsStopAtTwiceIt()
    {
        // About 1,100-1,450 bytes an event, 20,000 kept: unstored events pile up past the retention to the 40,000-byte ceiling.
        await using var backplane = CreateBackplane(new(RetainedBytes: 20_000));
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();
        var unstored = new List<RoomEvent>();
        CollabError? refused = null;
        while (refused is null && unstored.Count < 100)
        {
            try
            {
                unstored.Add((await log.AppendAsync(TestEvents.Message(roomId, new string('x', 1_000)) with { AwaitsStore = true }, default).DefaultTimeout()).Event);
            }
            catch (CollabError error)
            {
                refused = error;
            }
        }

        Assert.Equal(CollabErrorCode.Unavailable, refused?.Code);
        Assert.InRange(unstored.Count, 25, 37);
        Assert.Equal(unstored, (await log.ReadSnapshotPointAsync(roomId, default).DefaultTimeout()).Later);

        // Once stored, they are trimmed back under the retention and appends go through again.
        await log.MarkStoredAsync(roomId, [.. unstored.Select(e => e.Id!.Value)], default).DefaultTimeout();
        await log.AppendAsync(TestEvents.Message(roomId, "after"), default).DefaultTimeout();
        Assert.False((await log.ReadAfterAsync(roomId, unstored[10].Id!.Value, default).DefaultTimeout()).Resumable);
    }

    [Fact]
    public async Task Append_IsRefused_WhileTheRoomHasTooManyUnstoredEvents()
    {
        await using var backplane = CreateBackplane(new(RetainedEvents: 10));
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();
        var unstored = new List<EventId>();
        for (var i = 0; i < new EventLogOptions { RetainedEvents = 10 }.MaxUnstoredEvents; i++)
        {
            unstored.Add((await AppendAsync(log, roomId, awaitsStore: true)).Id!.Value);
        }

        var refused = await Assert.ThrowsAsync<CollabError>(() => AppendAsync(log, roomId, awaitsStore: true)).DefaultTimeout();
        Assert.Equal(CollabErrorCode.Unavailable, refused.Code);
        Assert.Equal(unstored[^1], await log.GetLatestIdAsync(roomId, default).DefaultTimeout());

        await log.MarkStoredAsync(roomId, [unstored[0]], default).DefaultTimeout();
        await AppendAsync(log, roomId, awaitsStore: true);
    }

    [Fact]
    public async Task KeyedAppend_ToANewStream_IsUnverified_UntilTheCallerCheckedTheDatabase()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();
        var request = Keyed(roomId);

        var unverified = await log.AppendAsync(request, default).DefaultTimeout();
        Assert.Equal(AppendOutcome.KeysUnverified, unverified.Outcome);
        Assert.Null(await log.GetLatestIdAsync(roomId, default).DefaultTimeout());

        var committed = await log.AppendAsync(request with { KeysChecked = new KeysChecked(RoomHasHistory: false) }, default).DefaultTimeout();
        Assert.Equal(AppendOutcome.Committed, committed.Outcome);
        // A room without history has nothing to check against: the stream vouches from now on.
        Assert.Equal(AppendOutcome.Committed, (await log.AppendAsync(Keyed(roomId), default).DefaultTimeout()).Outcome);
        Assert.Equal(AppendOutcome.Duplicate, (await log.AppendAsync(request, default).DefaultTimeout()).Outcome);
    }

    [Fact]
    public async Task KeyedAppend_ToANewStreamOfARoomWithHistory_IsCheckedForTheWholeWindow()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Events;
        var roomId = TestEvents.NewRoomId();

        var first = Keyed(roomId) with { KeysChecked = new KeysChecked(RoomHasHistory: true) };
        Assert.Equal(AppendOutcome.Committed, (await log.AppendAsync(first, default).DefaultTimeout()).Outcome);

        var next = Keyed(roomId);
        Assert.Equal(AppendOutcome.KeysUnverified, (await log.AppendAsync(next, default).DefaultTimeout()).Outcome);
        // Unkeyed appends, and those the database does not store, need no check.
        Assert.Equal(AppendOutcome.Committed, (await log.AppendAsync(next with { IdempotencyKey = null }, default).DefaultTimeout()).Outcome);
        Assert.Equal(AppendOutcome.Committed, (await log.AppendAsync(next with { AwaitsStore = false }, default).DefaultTimeout()).Outcome);
    }

    [Fact]
    public async Task PublishedDurableEvents_NameTheirPredecessor_TransientOnesDoNot()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var received = new List<BusMessage>();
        await using var subscription = await instance.Bus.SubscribeAsync(roomId, m =>
        {
            lock (received)
            {
                received.Add(m);
            }
            return ValueTask.CompletedTask;
        }, default).DefaultTimeout();

        var first = await AppendAsync(instance.Events, roomId, awaitsStore: false);
        await instance.Bus.PublishTransientAsync(TestEvents.Typing(roomId, "u2"), default).DefaultTimeout();
        var second = await AppendAsync(instance.Events, roomId, awaitsStore: true);

        await Eventually.UntilAsync(() => { lock (received) { return received.Count == 3; } }, "three published events");
        Assert.Equal([new BusMessage(first, null), new BusMessage(received[1].Event, null), new BusMessage(second, first.Id)], received);
        Assert.False(received[1].Event.IsDurable);
    }

    private static AppendRequest Keyed(string roomId) =>
        TestEvents.Message(roomId, "keyed", Guid.NewGuid().ToString()) with { AwaitsStore = true };

    private static async Task<RoomEvent> AppendAsync(IRoomEventLog log, string roomId, bool awaitsStore)
    {
        var result = await log.AppendAsync(TestEvents.Message(roomId, "m") with { AwaitsStore = awaitsStore }, default).DefaultTimeout();
        return result.Event;
    }
}
