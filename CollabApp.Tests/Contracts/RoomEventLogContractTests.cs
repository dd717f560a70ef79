using CollabApp.Core.Chat;
using CollabApp.Core.Events;

namespace CollabApp.Tests.Contracts;

/// <summary>What every <see cref="IRoomEventLog"/> must do (the interface's doc comments, docs/protocol.md "Event ids" and JoinResult).</summary>
public abstract class RoomEventLogContractTests
{
    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task Append_AssignsStrictlyIncreasingIds()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();

        var ids = await AppendAsync(instance.Events, roomId, 50);

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i] > ids[i - 1], $"{ids[i]} does not follow {ids[i - 1]}");
        }
        Assert.Equal(ids[^1], await instance.Events.GetLatestIdAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task Append_ReturnsTheCommittedEvent_WithItsIdStampedOnTheMessage()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var request = TestEvents.Message(TestEvents.NewRoomId(), "hello");

        var result = await instance.Events.AppendAsync(request, default).DefaultTimeout();

        Assert.False(result.IsDuplicate);
        Assert.Equal(request.RoomId, result.Event.RoomId);
        Assert.Equal(request.At, result.Event.At);
        var message = Assert.IsType<ChatMessage>(result.Event.Data);
        Assert.Equal(result.Event.EventId, message.EventId);
        Assert.Equal("hello", message.Text);
    }

    [Fact]
    public async Task GetLatestId_OfARoomWithoutEvents_IsNull()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();

        Assert.Null(await instance.Events.GetLatestIdAsync(TestEvents.NewRoomId(), default).DefaultTimeout());
    }

    [Fact]
    public async Task ReadAfter_AnIssuedId_ReturnsExactlyItsSuccessors()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var appended = new List<RoomEvent>();
        for (var i = 0; i < 10; i++)
        {
            appended.Add((await instance.Events.AppendAsync(TestEvents.Message(roomId, $"m{i}"), default).DefaultTimeout()).Event);
        }

        var replay = await instance.Events.ReadAfterAsync(roomId, appended[3].Id!.Value, default).DefaultTimeout();

        Assert.True(replay.Resumable);
        Assert.Equal(appended.Skip(4), replay.Events);
    }

    [Fact]
    public async Task ReadAfter_TheNewestId_IsResumableAndEmpty()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var ids = await AppendAsync(instance.Events, roomId, 3);

        var replay = await instance.Events.ReadAfterAsync(roomId, ids[^1], default).DefaultTimeout();

        Assert.True(replay.Resumable);
        Assert.Empty(replay.Events);
    }

    [Fact]
    public async Task ReadAfter_AnIdNeverIssuedInTheRoom_IsNotResumable()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var ids = await AppendAsync(instance.Events, roomId, 5);
        var between = new EventId(ids[1].Ms, ids[1].Seq + 1000);
        var otherRoomId = TestEvents.NewRoomId();

        EventId[] unknown =
        [
            new(ids[^1].Ms + 1, 0),
            new(ids[^1].Ms, ids[^1].Seq + 1),
            new(ids[0].Ms - 1, 0),
            new(0, 0),
            new(long.MaxValue, long.MaxValue),
            between,
        ];
        foreach (var id in unknown)
        {
            var replay = await instance.Events.ReadAfterAsync(roomId, id, default).DefaultTimeout();
            Assert.False(replay.Resumable, $"{id} was resumable");
            Assert.Empty(replay.Events);
        }
        Assert.False((await instance.Events.ReadAfterAsync(otherRoomId, ids[2], default).DefaultTimeout()).Resumable);
    }

    [Fact]
    public async Task ReadAfter_AnIdWhoseSuccessorsAreNoLongerAllRetained_IsNotResumable()
    {
        await using var backplane = CreateBackplane(new(RetainedEvents: 20));
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var ids = await AppendAsync(instance.Events, roomId, 100);

        Assert.False((await instance.Events.ReadAfterAsync(roomId, ids[0], default).DefaultTimeout()).Resumable);
        Assert.False((await instance.Events.ReadAfterAsync(roomId, ids[40], default).DefaultTimeout()).Resumable);

        // At least the newest 20 are retained: the id just before them still resumes, with exactly them.
        var newest = await instance.Events.ReadAfterAsync(roomId, ids[79], default).DefaultTimeout();
        Assert.True(newest.Resumable);
        Assert.Equal(ids.Skip(80), newest.Events.Select(e => e.Id!.Value));

        // Past the first resumable id, every id resumes with exactly its successors.
        var first = 0;
        while (!(await instance.Events.ReadAfterAsync(roomId, ids[first], default).DefaultTimeout()).Resumable)
        {
            first++;
        }
        for (var i = first; i < ids.Count; i++)
        {
            var replay = await instance.Events.ReadAfterAsync(roomId, ids[i], default).DefaultTimeout();
            Assert.True(replay.Resumable, $"ids[{i}] is not resumable though ids[{first}] is");
            Assert.Equal(ids.Skip(i + 1), replay.Events.Select(e => e.Id!.Value));
        }
    }

    [Fact]
    public async Task Retention_IsBoundedInBytes_TheOldestGo_AndEveryIdFromTheFirstKeptOneResumes()
    {
        // About 1,100 bytes an event (1,000 characters of text), 20,000 bytes kept: 16 to 18 of 100 events stay.
        await using var backplane = CreateBackplane(new(RetainedBytes: 20_000));
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var ids = new List<EventId>();
        for (var i = 0; i < 100; i++)
        {
            ids.Add((await instance.Events.AppendAsync(TestEvents.Message(roomId, new string('x', 1_000)), default).DefaultTimeout()).Event.Id!.Value);
        }

        var first = 0;
        while (!(await instance.Events.ReadAfterAsync(roomId, ids[first], default).DefaultTimeout()).Resumable)
        {
            first++;
        }
        var kept = ids.Count - first - 1;
        Assert.InRange(kept, 12, 19);
        Assert.Equal(ids.Skip(first + 1), (await instance.Events.ReadAfterAsync(roomId, ids[first], default).DefaultTimeout()).Events.Select(e => e.Id!.Value));
    }

    [Fact]
    public async Task Events_AreStoredAsUtf8_NonAsciiTextRoundTrips()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        const string text = "漢字 ünïcödé 🙂 \"quoted\" <b>&amp;</b>";
        var before = (await instance.Events.AppendAsync(TestEvents.Message(roomId, "before"), default).DefaultTimeout()).Event.Id!.Value;
        await instance.Events.AppendAsync(TestEvents.Message(roomId, text), default).DefaultTimeout();

        var replay = await instance.Events.ReadAfterAsync(roomId, before, default).DefaultTimeout();

        Assert.Equal(text, Assert.IsType<CollabApp.Core.Chat.ChatMessage>(Assert.Single(replay.Events).Data).Text);
    }

    [Fact]
    public async Task Append_WithAUsedIdempotencyKey_ReturnsTheFirstEventAndPublishesNothing()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var collector = new EventCollector();
        await using var subscription = await instance.Bus.SubscribeAsync(roomId, collector.OnEvent, default).DefaultTimeout();
        var key = Guid.NewGuid().ToString();

        var first = await instance.Events.AppendAsync(TestEvents.Message(roomId, "first", key), default).DefaultTimeout();
        var retry = await instance.Events.AppendAsync(TestEvents.Message(roomId, "retry", key), default).DefaultTimeout();
        var other = await instance.Events.AppendAsync(TestEvents.Message(roomId, "other"), default).DefaultTimeout();

        Assert.False(first.IsDuplicate);
        Assert.True(retry.IsDuplicate);
        Assert.Equal(first.Event, retry.Event);
        Assert.Equal([first.Event, other.Event], await collector.DrainAsync(instance.Bus, roomId));
        Assert.Equal(other.Event.Id, await instance.Events.GetLatestIdAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task IdempotencyKeys_ArePerRoom()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var key = Guid.NewGuid().ToString();

        var inFirst = await instance.Events.AppendAsync(TestEvents.Message(TestEvents.NewRoomId(), "a", key), default).DefaultTimeout();
        var inSecond = await instance.Events.AppendAsync(TestEvents.Message(TestEvents.NewRoomId(), "b", key), default).DefaultTimeout();

        Assert.False(inFirst.IsDuplicate);
        Assert.False(inSecond.IsDuplicate);
    }

    private static async Task<List<EventId>> AppendAsync(IRoomEventLog log, string roomId, int count)
    {
        var ids = new List<EventId>(count);
        for (var i = 0; i < count; i++)
        {
            var result = await log.AppendAsync(TestEvents.Message(roomId, $"m{i}"), default).DefaultTimeout();
            ids.Add(result.Event.Id!.Value);
        }
        return ids;
    }
}
