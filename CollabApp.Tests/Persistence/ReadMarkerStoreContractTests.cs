using CollabApp.Core.Chat;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="IReadMarkerStore"/> must do, over the chat store whose messages it counts.</summary>
public abstract class ReadMarkerStoreContractTests
{
    /// <summary>The messages the markers point into: the same database's, or the in-memory chat store the markers read.</summary>
    protected abstract IChatStore Chat { get; }

    protected abstract IReadMarkerStore Markers { get; }

    [Fact]
    public async Task AMarker_MovesForwardOnly()
    {
        var user = "u-" + Guid.NewGuid().ToString("N");
        var roomId = TestEvents.NewRoomId();
        Assert.Null(await Markers.GetAsync(user, roomId, default).DefaultTimeout());

        await Markers.AdvanceAsync(user, roomId, new ReadMarker("m2", new EventId(2_000, 3)), default).DefaultTimeout();
        await Markers.AdvanceAsync(user, roomId, new ReadMarker("m1", new EventId(2_000, 2)), default).DefaultTimeout();
        await Markers.AdvanceAsync(user, roomId, ReadMarker.Start, default).DefaultTimeout();

        Assert.Equal(new ReadMarker("m2", new EventId(2_000, 3)), await Markers.GetAsync(user, roomId, default).DefaultTimeout());
        await Markers.AdvanceAsync(user, roomId, new ReadMarker("m3", new EventId(2_001, 0)), default).DefaultTimeout();
        Assert.Equal("m3", (await Markers.GetAsync(user, roomId, default).DefaultTimeout())!.MessageId);
        Assert.Null(await Markers.GetAsync("someone-else", roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task Unread_CountsOthersLiveMessagesAfterTheMarker_Capped_ForRoomsWithAMarkerOnly()
    {
        var me = "u-" + Guid.NewGuid().ToString("N");
        var (busy, quiet, never) = (TestEvents.NewRoomId(), TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var messages = new List<ChatMessage>();
        for (var i = 0; i < 8; i++)
        {
            messages.Add(Message(busy, i % 4 == 3 ? me : "other", new EventId(1_000, i)));
        }
        messages.Add(Message(quiet, "other", new EventId(1_000, 0)));
        messages.Add(Message(never, "other", new EventId(1_000, 0)));
        await Chat.SaveManyAsync(messages, default).DefaultTimeout();
        var deleted = messages[6];
        await Chat.ApplyChangesAsync([new MessageChange(MessageChange.Deleted, MessageChanges.Redacted(deleted) with { ChangeEventId = "2000-0" })], default).DefaultTimeout();
        // Read up to seq 1 in the busy room: after it, seq 2, 4, 5 are others' and live (3 and 7 are mine, 6 is deleted).
        await Markers.AdvanceAsync(me, busy, new ReadMarker(messages[1].Id, new EventId(1_000, 1)), default).DefaultTimeout();
        await Markers.AdvanceAsync(me, quiet, new ReadMarker(messages[8].Id, new EventId(1_000, 0)), default).DefaultTimeout();

        var counts = await Markers.CountUnreadAsync(me, 100, default).DefaultTimeout();
        var capped = await Markers.CountUnreadAsync(me, 2, default).DefaultTimeout();

        Assert.Equal(3, counts[busy]);
        Assert.Equal(0, counts[quiet]);
        Assert.False(counts.ContainsKey(never));
        Assert.Equal(2, capped[busy]);
        Assert.Empty(await Markers.CountUnreadAsync("nobody", 100, default).DefaultTimeout());
    }

    private static ChatMessage Message(string roomId, string userId, EventId id) =>
        new(Guid.NewGuid().ToString(), roomId, Guid.NewGuid().ToString(), userId, userId, "text", TestEvents.At, id.ToString());
}

public sealed class InMemoryReadMarkerStoreTests : ReadMarkerStoreContractTests
{
    private readonly InMemoryChatStore _chat = new();

    public InMemoryReadMarkerStoreTests() => Markers = new InMemoryReadMarkerStore(_chat);

    protected override IChatStore Chat => _chat;

    protected override IReadMarkerStore Markers { get; }
}

public sealed class SqliteReadMarkerStoreTests(SqliteStoreDatabase database) : ReadMarkerStoreContractTests, IClassFixture<SqliteStoreDatabase>
{
    protected override IChatStore Chat { get; } = new EfChatStore(database.Contexts);

    protected override IReadMarkerStore Markers { get; } = new EfReadMarkerStore(database.Contexts);
}

public sealed class PostgresReadMarkerStoreTests(PostgresStoreDatabase database) : ReadMarkerStoreContractTests, IClassFixture<PostgresStoreDatabase>
{
    protected override IChatStore Chat { get; } = new EfChatStore(database.Contexts);

    protected override IReadMarkerStore Markers { get; } = new EfReadMarkerStore(database.Contexts);
}
