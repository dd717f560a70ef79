using CollabApp.Core.Chat;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using Microsoft.EntityFrameworkCore;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Tests.Persistence;

/// <summary>An embedded SQLite file made before message edits and read markers is brought up to date at start-up.</summary>
public sealed class SqliteSchemaUpgradeTests : IAsyncLifetime
{
    private readonly SqliteStoreDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AFileWithoutTheNewColumnsAndTable_IsUpgraded_AndKeepsItsMessages()
    {
        var chat = new EfChatStore(_database.Contexts);
        var roomId = TestEvents.NewRoomId();
        var old = new ChatMessage(Guid.NewGuid().ToString(), roomId, Guid.NewGuid().ToString(), "u1", "ann", "from before", TestEvents.At, new EventId(1_000, 0).ToString());
        await chat.SaveManyAsync([old], default).DefaultTimeout();
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            // The schema as the first release made it.
            foreach (var statement in new[]
            {
                "ALTER TABLE \"ChatMessages\" DROP COLUMN \"ChangeEventId\"",
                "ALTER TABLE \"ChatMessages\" DROP COLUMN \"ChangeEventMs\"",
                "ALTER TABLE \"ChatMessages\" DROP COLUMN \"ChangeEventSeq\"",
                "ALTER TABLE \"ChatMessages\" DROP COLUMN \"Deleted\"",
                "ALTER TABLE \"ChatMessages\" DROP COLUMN \"EditedAt\"",
            })
            {
                await db.Database.ExecuteSqlRawAsync(statement);
            }
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"RoomReads\"");
        }

        await new DatabaseInitializer(_database.Contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();
        await new DatabaseInitializer(_database.Contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();

        Assert.Equal(old, await chat.FindAsync(roomId, old.Id, default).DefaultTimeout());
        await chat.ApplyChangesAsync([new MessageChange(MessageChange.Deleted, MessageChanges.Redacted(old) with { ChangeEventId = "2000-0" })], default).DefaultTimeout();
        Assert.True((await chat.FindAsync(roomId, old.Id, default).DefaultTimeout())!.Deleted);
        var markers = new EfReadMarkerStore(_database.Contexts);
        await markers.AdvanceAsync("u2", roomId, ReadMarker.Start, default).DefaultTimeout();
        Assert.Equal(0, (await markers.CountUnreadAsync("u2", 100, default).DefaultTimeout())[roomId]);
    }

    [Fact]
    public async Task AFileWithoutTheTodoOutboxColumns_IsUpgraded_AndItsOldItemsCountAsPublished()
    {
        var todos = new EfTodoStore(_database.Contexts);
        var roomId = TestEvents.NewRoomId();
        var old = new CollabApp.Core.Todos.TodoItem(Guid.NewGuid().ToString(), "from before", false, 1, 1, TestEvents.At, "u1");
        await todos.TryAddAsync(roomId, old, default).DefaultTimeout();
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            foreach (var statement in new[]
            {
                "DROP INDEX \"IX_Todos_Unpublished\"",
                "ALTER TABLE \"Todos\" DROP COLUMN \"LastChange\"",
                "ALTER TABLE \"Todos\" DROP COLUMN \"PublishedVersion\"",
            })
            {
                await db.Database.ExecuteSqlRawAsync(statement);
            }
        }

        await new DatabaseInitializer(_database.Contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();
        await new DatabaseInitializer(_database.Contexts, TimeProvider.System).InitializeAsync(default).DefaultTimeout();

        Assert.Equal(old, (await todos.FindAsync(roomId, old.Id, default).DefaultTimeout())!.Item);
        var later = TestEvents.At.AddDays(1);
        Assert.DoesNotContain(await todos.ListUnpublishedAsync(later, 1000, default).DefaultTimeout(), u => u.RoomId == roomId);
        var ticked = old with { Done = true, Version = 2 };
        Assert.True(await todos.TryReplaceAsync(roomId, ticked, 1, CollabApp.Core.Todos.TodoChange.Updated, default).DefaultTimeout());
        Assert.Contains(await todos.ListUnpublishedAsync(later, 1000, default).DefaultTimeout(), u => u.RoomId == roomId && u.Item == ticked);
    }
}
