using CollabApp.Core.Chat;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="IChatStore"/> must do (the interface's doc comments, DESIGN.md "Durability").</summary>
public abstract class ChatStoreContractTests(StoreDatabase database)
{
    protected StoreDatabase Database { get; } = database;

    protected abstract IChatStore CreateStore();

    /// <summary>What the store really holds for a room: the database's rows, or for the in-memory store its list.</summary>
    protected virtual Task<int> CountRowsAsync(string roomId) => Database.CountAsync<ChatMessageEntity>(m => m.RoomId == roomId);

    [Fact]
    public async Task Save_TheSameMessageTwice_StoresOneRow()
    {
        var store = CreateStore();
        var message = Message(TestEvents.NewRoomId(), new EventId(1_000, 0), "hello");

        await store.SaveManyAsync([message], default).DefaultTimeout();
        await store.SaveManyAsync([message], default).DefaultTimeout();

        Assert.Equal(1, await CountRowsAsync(message.RoomId));
        Assert.Equal([message], await store.ListBeforeAsync(message.RoomId, null, 10, default).DefaultTimeout());
    }

    [Fact]
    public async Task Save_ARetryUnderTheSameClientMessageId_KeepsTheFirst()
    {
        var store = CreateStore();
        var first = Message(TestEvents.NewRoomId(), new EventId(1_000, 0), "first");
        var retry = first with { Id = Guid.NewGuid().ToString(), Text = "retry", EventId = new EventId(1_000, 1).ToString() };

        await store.SaveManyAsync([first], default).DefaultTimeout();
        await store.SaveManyAsync([retry], default).DefaultTimeout();

        Assert.Equal([first], await store.ListBeforeAsync(first.RoomId, null, 10, default).DefaultTimeout());
    }

    [Fact]
    public async Task SaveMany_OneBatchOverRooms_WithOneStoredBefore_StoresTheRestOnce()
    {
        var store = CreateStore();
        var roomA = TestEvents.NewRoomId();
        var roomB = TestEvents.NewRoomId();
        var earlier = Message(roomA, new EventId(1_000, 0), "stored before");
        var batch = new[] { earlier, Message(roomA, new EventId(1_000, 1), "a2"), Message(roomB, new EventId(1_000, 2), "b1") };
        await store.SaveManyAsync([earlier], default).DefaultTimeout();
        Assert.False(await store.HasAnyAsync(roomB, default).DefaultTimeout());

        await store.SaveManyAsync(batch, default).DefaultTimeout();

        Assert.Equal(batch[..2], await store.ListBeforeAsync(roomA, null, 10, default).DefaultTimeout());
        Assert.Equal(batch[2..], await store.ListBeforeAsync(roomB, null, 10, default).DefaultTimeout());
        Assert.True(await store.HasAnyAsync(roomB, default).DefaultTimeout());
    }

    [Fact]
    public async Task FindByClientId_FindsOnlyTheSendersMessageInItsRoom()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var message = Message(roomId, new EventId(1_000, 0), "mine");
        await store.SaveManyAsync([message], default).DefaultTimeout();

        Assert.Equal(message, await store.FindByClientIdAsync(roomId, message.UserId, message.ClientMessageId, default).DefaultTimeout());
        Assert.Null(await store.FindByClientIdAsync(roomId, "someone-else", message.ClientMessageId, default).DefaultTimeout());
        Assert.Null(await store.FindByClientIdAsync(TestEvents.NewRoomId(), message.UserId, message.ClientMessageId, default).DefaultTimeout());
        Assert.Null(await store.FindByClientIdAsync(roomId, message.UserId, Guid.NewGuid().ToString(), default).DefaultTimeout());
    }

    [Fact]
    public async Task ListBefore_PagesInEventOrder_OldestFirst()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        // Event order is numeric (ms, then seq): 999 < 1000 and seq 9 < 10, though not as strings.
        EventId[] ids = [new(999, 0), new(999, 9), new(999, 10), new(1_000, 0), new(1_000, 1), new(1_000, 2), new(10_000, 0), new(10_000, 11)];
        var messages = ids.Select((id, i) => Message(roomId, id, $"m{i}")).ToList();
        // Saved out of order, as concurrent instances may; other rooms' messages interleave.
        foreach (var i in new[] { 3, 0, 7, 5, 1, 6, 2, 4 })
        {
            await store.SaveManyAsync([messages[i]], default).DefaultTimeout();
            await store.SaveManyAsync([Message(TestEvents.NewRoomId(), ids[i], "elsewhere")], default).DefaultTimeout();
        }

        Assert.Equal(messages[5..], await store.ListBeforeAsync(roomId, null, 3, default).DefaultTimeout());
        Assert.Equal(messages, await store.ListBeforeAsync(roomId, null, 100, default).DefaultTimeout());
        Assert.Equal(messages[2..5], await store.ListBeforeAsync(roomId, messages[5].Id, 3, default).DefaultTimeout());
        Assert.Equal(messages[..2], await store.ListBeforeAsync(roomId, messages[2].Id, 3, default).DefaultTimeout());
        Assert.Empty(await store.ListBeforeAsync(roomId, messages[0].Id, 3, default).DefaultTimeout());

        // Paging back from the newest visits every message exactly once.
        var paged = new List<ChatMessage>();
        string? before = null;
        while (await store.ListBeforeAsync(roomId, before, 3, default).DefaultTimeout() is { Count: > 0 } page)
        {
            paged.InsertRange(0, page);
            before = page[0].Id;
        }
        Assert.Equal(messages, paged);
    }

    [Fact]
    public async Task ListBefore_AnUnknownId_IsEmpty()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var other = Message(TestEvents.NewRoomId(), new EventId(5_000, 0), "other room");
        await store.SaveManyAsync([Message(roomId, new EventId(1_000, 0), "a")], default).DefaultTimeout();
        await store.SaveManyAsync([other], default).DefaultTimeout();

        Assert.Empty(await store.ListBeforeAsync(roomId, Guid.NewGuid().ToString(), 10, default).DefaultTimeout());
        Assert.Empty(await store.ListBeforeAsync(roomId, other.Id, 10, default).DefaultTimeout());
        Assert.Empty(await store.ListBeforeAsync(TestEvents.NewRoomId(), null, 10, default).DefaultTimeout());
    }

    [Fact]
    public async Task ApplyChanges_KeepsTheNewestEdit_WhateverTheOrder_AndADeletionIsFinal()
    {
        var store = CreateStore();
        var message = Message(TestEvents.NewRoomId(), new EventId(1_000, 0), "first");
        await store.SaveManyAsync([message], default).DefaultTimeout();
        var newer = Edit(message, new EventId(3_000, 0), "newer");
        var older = Edit(message, new EventId(2_000, 5), "older");

        await store.ApplyChangesAsync([newer, older], default).DefaultTimeout();
        await store.ApplyChangesAsync([newer], default).DefaultTimeout();

        var edited = await store.FindAsync(message.RoomId, message.Id, default).DefaultTimeout();
        Assert.Equal(newer.Message, edited);

        var deletion = new MessageChange(MessageChange.Deleted, MessageChanges.Redacted(message) with { ChangeEventId = new EventId(2_500, 0).ToString() });
        var late = Edit(message, new EventId(4_000, 0), "after the deletion");
        await store.ApplyChangesAsync([deletion, late], default).DefaultTimeout();

        var deleted = await store.FindAsync(message.RoomId, message.Id, default).DefaultTimeout();
        Assert.NotNull(deleted);
        Assert.True(deleted.Deleted);
        Assert.Equal("", deleted.Text);
        Assert.Null(deleted.EditedAt);
        Assert.Equal([deleted], await store.ListBeforeAsync(message.RoomId, null, 10, default).DefaultTimeout());
        Assert.Null(await store.FindAsync(message.RoomId, Guid.NewGuid().ToString(), default).DefaultTimeout());
        Assert.Null(await store.FindAsync(TestEvents.NewRoomId(), message.Id, default).DefaultTimeout());
    }

    [Fact]
    public async Task ApplyChanges_ToAMessageNotStored_ChangesNothing()
    {
        var store = CreateStore();
        var stored = Message(TestEvents.NewRoomId(), new EventId(1_000, 0), "kept");
        var missing = Message(stored.RoomId, new EventId(1_000, 1), "never stored");
        await store.SaveManyAsync([stored], default).DefaultTimeout();

        await store.ApplyChangesAsync([Edit(missing, new EventId(2_000, 0), "edit")], default).DefaultTimeout();

        Assert.Equal([stored], await store.ListBeforeAsync(stored.RoomId, null, 10, default).DefaultTimeout());
    }

    private static MessageChange Edit(ChatMessage message, EventId at, string text) =>
        new(MessageChange.Edited, message with { Text = text, EditedAt = TestEvents.At.AddMilliseconds(at.Ms), ChangeEventId = at.ToString() });

    private static ChatMessage Message(string roomId, EventId eventId, string text) =>
        new(Guid.NewGuid().ToString(), roomId, Guid.NewGuid().ToString(), "u1", "ann", text, TestEvents.At.AddMilliseconds(eventId.Ms), eventId.ToString());
}

public sealed class InMemoryChatStoreTests(SqliteStoreDatabase database) : ChatStoreContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    private readonly InMemoryChatStore _store = new();

    protected override IChatStore CreateStore() => _store;

    protected override async Task<int> CountRowsAsync(string roomId) => (await _store.ListBeforeAsync(roomId, null, int.MaxValue, default)).Count;
}

public sealed class SqliteChatStoreTests(SqliteStoreDatabase database) : ChatStoreContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    protected override IChatStore CreateStore() => new EfChatStore(Database.Contexts);
}

public sealed class PostgresChatStoreTests(PostgresStoreDatabase database) : ChatStoreContractTests(database), IClassFixture<PostgresStoreDatabase>
{
    protected override IChatStore CreateStore() => new EfChatStore(Database.Contexts);

    // The group commit's one statement must refuse a value longer than its column, as a plain insert does, not cut it
    // short (an explicit cast to varchar(n) would). The service refuses such text first; this is the store's own guard.
    [Fact]
    public async Task SaveMany_AMessageLongerThanItsColumn_IsRefused_NotCut()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var message = new ChatMessage(Guid.NewGuid().ToString(), roomId, Guid.NewGuid().ToString(), "u1", "ann", new string('x', 4001), TestEvents.At, new EventId(1_000, 0).ToString());

        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveManyAsync([message], default).DefaultTimeout());

        Assert.Equal(0, await CountRowsAsync(roomId));
    }
}
