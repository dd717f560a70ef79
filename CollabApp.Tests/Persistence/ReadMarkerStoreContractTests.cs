using CollabApp.Core.Chat;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="IReadMarkerStore"/> must do, on both databases.</summary>
public abstract class ReadMarkerStoreContractTests(StoreDatabase database)
{
    private readonly EfChatStore _chat = new(database.Contexts);
    private readonly EfReadMarkerStore _markers = new(database.Contexts);

    [Fact]
    public async Task AMarker_MovesForwardOnly()
    {
        var user = "u-" + Guid.NewGuid().ToString("N");
        var roomId = TestEvents.NewRoomId();
        Assert.Null(await _markers.GetAsync(user, roomId, default).DefaultTimeout());

        await _markers.AdvanceAsync(user, roomId, new ReadMarker("m2", new EventId(2_000, 3)), default).DefaultTimeout();
        await _markers.AdvanceAsync(user, roomId, new ReadMarker("m1", new EventId(2_000, 2)), default).DefaultTimeout();
        await _markers.AdvanceAsync(user, roomId, ReadMarker.Start, default).DefaultTimeout();

        Assert.Equal(new ReadMarker("m2", new EventId(2_000, 3)), await _markers.GetAsync(user, roomId, default).DefaultTimeout());
        await _markers.AdvanceAsync(user, roomId, new ReadMarker("m3", new EventId(2_001, 0)), default).DefaultTimeout();
        Assert.Equal("m3", (await _markers.GetAsync(user, roomId, default).DefaultTimeout())!.MessageId);
        Assert.Null(await _markers.GetAsync("someone-else", roomId, default).DefaultTimeout());
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
        await _chat.SaveManyAsync(messages, default).DefaultTimeout();
        var deleted = messages[6];
        await _chat.ApplyChangesAsync([new MessageChange(MessageChange.Deleted, MessageChanges.Redacted(deleted) with { ChangeEventId = "2000-0" })], default).DefaultTimeout();
        // Read up to seq 1 in the busy room: after it, seq 2, 4, 5 are others' and live (3 and 7 are mine, 6 is deleted).
        await _markers.AdvanceAsync(me, busy, new ReadMarker(messages[1].Id, new EventId(1_000, 1)), default).DefaultTimeout();
        await _markers.AdvanceAsync(me, quiet, new ReadMarker(messages[8].Id, new EventId(1_000, 0)), default).DefaultTimeout();

        var counts = await _markers.CountUnreadAsync(me, 100, default).DefaultTimeout();
        var capped = await _markers.CountUnreadAsync(me, 2, default).DefaultTimeout();

        Assert.Equal(3, counts[busy]);
        Assert.Equal(0, counts[quiet]);
        Assert.False(counts.ContainsKey(never));
        Assert.Equal(2, capped[busy]);
        Assert.Empty(await _markers.CountUnreadAsync("nobody", 100, default).DefaultTimeout());
    }

    private static ChatMessage Message(string roomId, string userId, EventId id) =>
        new(Guid.NewGuid().ToString(), roomId, Guid.NewGuid().ToString(), userId, userId, "text", TestEvents.At, id.ToString());
}

public sealed class SqliteReadMarkerStoreTests(SqliteStoreDatabase database) : ReadMarkerStoreContractTests(database), IClassFixture<SqliteStoreDatabase>;

public sealed class PostgresReadMarkerStoreTests(PostgresStoreDatabase database) : ReadMarkerStoreContractTests(database), IClassFixture<PostgresStoreDatabase>;
