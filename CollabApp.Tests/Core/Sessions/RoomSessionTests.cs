using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Tests.Components.Support;
using CollabApp.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Core.Sessions;

/// <summary>
/// The one join path of hub connections and room pages (<see cref="RoomSession"/>) on Core's in-memory bus, log and
/// presence store: joining from a snapshot or a replay, a resync before the replay was delivered, losing access, a failed
/// join leaving no presence, stopping, and leaving twice.
/// </summary>
public sealed class RoomSessionTests : RoomComponentTest
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly RoomInfo Den = new("den", "Den", true, Bob.UserId);

    public RoomSessionTests()
    {
        FanoutOptions.QueueCapacity = 4;
        Directory.Save(Den, Alice.UserId);
        Services.AddSingleton(sp => new SwitchableRoomEventBus(sp.GetRequiredService<InMemoryRoomEventBus>()));
        Services.AddSingleton<IRoomEventBus>(sp => sp.GetRequiredService<SwitchableRoomEventBus>());
    }

    [Fact]
    public async Task Open_WithoutLastEventId_MarksPresentFirst_StartsFromASnapshot_ThenDeliversWhatFollows()
    {
        await SendAsync("before");

        await using var session = await OpenAsync(Alice);
        await SendAsync("after");

        Assert.False(session.Joined.Resumed);
        Assert.Equal(["before"], session.Joined.State!.Messages.Select(m => m.Text));
        Assert.Equal([Alice.UserId], session.Joined.State.Online.Select(e => e.UserId));
        Assert.NotNull(session.Joined.LastEventId);
        Assert.Equal(session.Joined.LastEventId, session.LastEventId);
        Assert.Equal(["after"], Texts(await ReadUntilAsync(session, "after")));
    }

    [Fact]
    public async Task Open_WithLastEventId_ReplaysWhatCameAfterIt()
    {
        var first = await FirstEventIdAsync();
        await SendAsync("two");
        await SendAsync("three");

        await using var session = await OpenAsync(Alice, first, connectionId: "c-2");

        Assert.True(session.Joined.Resumed);
        Assert.Null(session.Joined.State);
        Assert.Equal(first, session.LastEventId);
        Assert.Equal(["two", "three"], Texts(await ReadUntilAsync(session, "three")));
    }

    [Fact]
    public async Task ResyncBeforeAReplayIsDelivered_RejoinsFromWhereItResumed_SkippingNothing()
    {
        var first = await FirstEventIdAsync();
        foreach (var text in new[] { "m2", "m3", "m4", "m5", "m6", "m7" })
        {
            await SendAsync(text);
        }
        await using var session = await OpenAsync(Alice, first, connectionId: "c-2");

        // The replay fills the queue past its capacity: one more message overflows it before anything was delivered.
        await SendAsync("m8");
        await Eventually.UntilAsync(() => Get<RoomFanout>().OverflowCount > 0, "the queue to overflow", Wait);

        Assert.Empty(await ReadToEndAsync(session));
        Assert.Equal(RoomSessionEnd.ResyncNeeded, session.End);
        Assert.Equal(first, session.LastEventId);
        var rejoined = await session.RejoinAsync(None).WaitAsync(Wait);
        Assert.True(rejoined.Resumed);
        Assert.Equal(["m2", "m3", "m4", "m5", "m6", "m7", "m8"], Texts(await ReadUntilAsync(session, "m8")));
        Assert.Equal(1, Get<RoomFanout>().SubscriberCount);
    }

    [Fact]
    public async Task RemovedFromThePrivateRoom_TheRemovalIsTheLastEventDelivered_AndLeavingEndsThePresence()
    {
        await using var session = await OpenAsync(Alice, room: Den);
        var other = MemberRemoved("u-carol");
        var removal = MemberRemoved(Alice.UserId);
        await Get<RoomFanout>().DeliverLocalAsync(other);
        Directory.RemoveMember(Den.RoomId, Alice.UserId);
        await Get<RoomFanout>().DeliverLocalAsync(removal);
        await Get<RoomFanout>().DeliverLocalAsync(MemberRemoved("u-dave"));

        var delivered = await ReadToEndAsync(session);

        Assert.Equal([other, removal], delivered.Where(e => e.Type == RoomChangeEventTypes.MemberRemoved));
        Assert.Equal(RoomSessionEnd.AccessEnded, session.End);
        Assert.Same(removal, session.EndedBy);
        await session.LeaveAsync().WaitAsync(Wait);
        Assert.Empty(await OnlineAsync(Den));
        Assert.Equal(0, Get<RoomFanout>().SubscriberCount);
    }

    [Fact]
    public async Task Open_FailingAfterPresence_TakesThePresenceBack_AndRethrows()
    {
        var failure = new InvalidOperationException("the log is unreachable");
        EventLog.FailSnapshotReads = failure;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(Alice));

        Assert.Same(failure, thrown);
        Assert.Empty(await OnlineAsync(Lobby));
        Assert.Empty(Get<LocalConnections>().Snapshot());
        Assert.Equal(0, Get<RoomFanout>().SubscriberCount);
    }

    [Fact]
    public async Task Open_FailingForAConnectionAlreadyPresent_KeepsTheEarlierJoinsPresence()
    {
        await using var session = await OpenAsync(Alice);
        EventLog.FailSnapshotReads = new InvalidOperationException("the log is unreachable");

        await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(Alice));

        Assert.Equal([Alice.UserId], await OnlineAsync(Lobby));
        Assert.Equal(1, Get<RoomFanout>().SubscriberCount);
    }

    [Fact]
    public async Task Stop_EndsTheStream_AndKeepsThePresenceForTheSessionThatTakesOver()
    {
        await using var session = await OpenAsync(Alice);

        await session.StopAsync().WaitAsync(Wait);

        Assert.Empty(await ReadToEndAsync(session));
        Assert.Equal(RoomSessionEnd.Stopped, session.End);
        Assert.Equal([Alice.UserId], await OnlineAsync(Lobby));
        Assert.Equal(0, Get<RoomFanout>().SubscriberCount);
    }

    [Fact]
    public async Task LeaveTwice_LeavesOnce_AndTheSessionCannotRejoin()
    {
        await using var watcher = await OpenAsync(Bob, connectionId: "c-bob");
        var session = await OpenAsync(Alice);

        await session.LeaveAsync().WaitAsync(Wait);
        await session.LeaveAsync().WaitAsync(Wait);
        await SendAsync("marker");

        var seen = await ReadUntilAsync(watcher, "marker");
        Assert.Equal(
            [PresenceStatus.Online, PresenceStatus.Offline],
            seen.Select(e => e.Data).OfType<PresenceChange>().Where(c => c.UserId == Alice.UserId).Select(c => c.Status));
        Assert.True(session.HasLeft);
        Assert.Equal([Bob.UserId], await OnlineAsync(Lobby));
        Assert.Equal(1, Get<RoomFanout>().SubscriberCount);
        Assert.Empty(await ReadToEndAsync(session));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.RejoinAsync(None));
    }

    [Fact]
    public async Task Leave_WhenEndingTheSubscriptionFails_StillEndsThePresence_AndSaysSo()
    {
        var session = await OpenAsync(Alice);
        var failure = new InvalidOperationException("the real-time store is unreachable");
        Get<SwitchableRoomEventBus>().FailUnsubscribes = failure;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => session.LeaveAsync().WaitAsync(Wait));

        Assert.Same(failure, thrown);
        Assert.True(session.HasLeft);
        Assert.Empty(await OnlineAsync(Lobby));
        Assert.Empty(Get<LocalConnections>().Snapshot());
    }

    private Task<RoomSession> OpenAsync(CollabUser user, string? lastEventId = null, RoomInfo? room = null, string connectionId = "c-1") =>
        Get<RoomSessions>().OpenAsync(
            room ?? Lobby, user, new PresenceConnection(connectionId, user.UserId, user.UserName), lastEventId, away: false, None).WaitAsync(Wait);

    private Task<ChatMessage> SendAsync(string text) =>
        Get<ChatService>().SendAsync(Bob, Lobby.RoomId, Guid.NewGuid().ToString(), text, None).WaitAsync(Wait);

    private async Task<IReadOnlyList<string>> OnlineAsync(RoomInfo room) =>
        [.. (await Get<PresenceService>().GetOnlineAsync(room.RoomId, None).WaitAsync(Wait)).Select(e => e.UserId)];

    private RoomEvent MemberRemoved(string userId) =>
        RoomEvents.Transient(Den.RoomId, RoomChangeEventTypes.MemberRemoved, Clock.GetUtcNow(), new MemberChange(Den.RoomId, userId, userId, userId));

    // The id of a first message, read by a session that then leaves (so the room starts empty of presence).
    private async Task<string> FirstEventIdAsync()
    {
        await using var reader = await OpenAsync(Alice);
        await SendAsync("one");
        return (await ReadUntilAsync(reader, "one"))[^1].EventId!;
    }

    private static async Task<List<RoomEvent>> ReadUntilAsync(RoomSession session, string lastText)
    {
        var delivered = new List<RoomEvent>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var roomEvent in session.ReadAsync(timeout.Token))
        {
            delivered.Add(roomEvent);
            if (roomEvent.Data is ChatMessage { Text: var text } && text == lastText)
            {
                break;
            }
        }
        return delivered;
    }

    private static async Task<List<RoomEvent>> ReadToEndAsync(RoomSession session)
    {
        var delivered = new List<RoomEvent>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var roomEvent in session.ReadAsync(timeout.Token))
        {
            delivered.Add(roomEvent);
        }
        return delivered;
    }

    private static string[] Texts(IEnumerable<RoomEvent> events) => [.. events.Select(e => e.Data).OfType<ChatMessage>().Select(m => m.Text)];
}
