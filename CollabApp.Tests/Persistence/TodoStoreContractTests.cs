using CollabApp.Core.Todos;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="ITodoStore"/> must do: the arbiter of versions (the interface's doc comments).</summary>
public abstract class TodoStoreContractTests(StoreDatabase database)
{
    protected StoreDatabase Database { get; } = database;

    protected abstract ITodoStore CreateStore();

    [Fact]
    public async Task TryAdd_ANewId_StoresTheItem()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("Buy milk", 1.0);

        Assert.True(await store.TryAddAsync(roomId, item, default).DefaultTimeout());

        Assert.Equal(new StoredTodo(item, false), await store.FindAsync(roomId, item.Id, default).DefaultTimeout());
        Assert.Null(await store.FindAsync(TestEvents.NewRoomId(), item.Id, default).DefaultTimeout());
    }

    [Fact]
    public async Task TryAdd_ATakenId_IsFalse_AndChangesNothing()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("Buy milk", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();

        Assert.False(await store.TryAddAsync(roomId, item with { Title = "Something else", Position = 9 }, default).DefaultTimeout());

        Assert.Equal(new StoredTodo(item, false), await store.FindAsync(roomId, item.Id, default).DefaultTimeout());
        // Ids are per room.
        Assert.True(await store.TryAddAsync(TestEvents.NewRoomId(), item, default).DefaultTimeout());
    }

    [Fact]
    public async Task TryAdd_TheIdOfADeletedItem_IsFalse_AndDoesNotResurrectIt()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("Buy milk", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();
        Assert.True(await store.TryReplaceAsync(roomId, Next(item), 1, TodoChange.Deleted, default).DefaultTimeout());

        Assert.False(await store.TryAddAsync(roomId, item, default).DefaultTimeout());

        Assert.True((await store.FindAsync(roomId, item.Id, default).DefaultTimeout())!.Deleted);
        Assert.Empty(await store.ListAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task TryReplace_AtTheStoredVersion_Replaces()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("Buy milk", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();
        var changed = Next(item) with { Title = "Buy oat milk", Done = true, Position = 0.5 };

        Assert.True(await store.TryReplaceAsync(roomId, changed, 1, TodoChange.Updated, default).DefaultTimeout());

        Assert.Equal(new StoredTodo(changed, false), await store.FindAsync(roomId, item.Id, default).DefaultTimeout());
        Assert.Equal([changed], await store.ListAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task TryReplace_AtAStaleVersion_IsFalse_AndChangesNothing()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("Buy milk", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();
        var second = Next(item) with { Done = true };
        await store.TryReplaceAsync(roomId, second, 1, TodoChange.Updated, default).DefaultTimeout();

        Assert.False(await store.TryReplaceAsync(roomId, Next(item) with { Title = "stale" }, 1, TodoChange.Updated, default).DefaultTimeout());
        Assert.False(await store.TryReplaceAsync(roomId, Next(item), 1, TodoChange.Deleted, default).DefaultTimeout());
        Assert.False(await store.TryReplaceAsync(roomId, Next(second) with { Title = "future" }, 3, TodoChange.Updated, default).DefaultTimeout());

        Assert.Equal(new StoredTodo(second, false), await store.FindAsync(roomId, item.Id, default).DefaultTimeout());
    }

    [Fact]
    public async Task TryReplace_AnUnknownItem_IsFalse_AndAddsNothing()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("ghost", 1.0);

        Assert.False(await store.TryReplaceAsync(roomId, Next(item), 1, TodoChange.Updated, default).DefaultTimeout());

        Assert.Null(await store.FindAsync(roomId, item.Id, default).DefaultTimeout());
    }

    [Fact]
    public async Task Delete_MarksTheItemDeleted_ListHidesIt_AndItCannotChangeAgain()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var kept = Item("kept", 1.0);
        var gone = Item("gone", 2.0);
        await store.TryAddAsync(roomId, kept, default).DefaultTimeout();
        await store.TryAddAsync(roomId, gone, default).DefaultTimeout();
        var deleted = Next(gone);

        Assert.True(await store.TryReplaceAsync(roomId, deleted, 1, TodoChange.Deleted, default).DefaultTimeout());

        Assert.Equal(new StoredTodo(deleted, true), await store.FindAsync(roomId, gone.Id, default).DefaultTimeout());
        Assert.Equal([kept], await store.ListAsync(roomId, default).DefaultTimeout());
        Assert.False(await store.TryReplaceAsync(roomId, Next(deleted), 2, TodoChange.Updated, default).DefaultTimeout());
        Assert.False(await store.TryReplaceAsync(roomId, Next(deleted), 2, TodoChange.Deleted, default).DefaultTimeout());
        Assert.Equal(new StoredTodo(deleted, true), await store.FindAsync(roomId, gone.Id, default).DefaultTimeout());
    }

    [Fact]
    public async Task List_IsInAscendingPosition_AndOnlyTheRoomsItems()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var items = new[] { Item("c", 3.0), Item("a", -1.5), Item("d", 10.0), Item("b", 0.25) };
        foreach (var item in items)
        {
            await store.TryAddAsync(roomId, item, default).DefaultTimeout();
        }
        await store.TryAddAsync(TestEvents.NewRoomId(), Item("elsewhere", 0), default).DefaultTimeout();
        // A move changes the order.
        var moved = Next(items[2]) with { Position = -2.0 };
        await store.TryReplaceAsync(roomId, moved, 1, TodoChange.Updated, default).DefaultTimeout();

        var list = await store.ListAsync(roomId, default).DefaultTimeout();

        Assert.Equal(["d", "a", "b", "c"], list.Select(t => t.Title));
        Assert.Equal(moved, list[0]);
    }

    [Fact]
    public async Task TryReplace_EightConcurrentWritersFromOneVersion_ExactlyOneWins()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("contended", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();
        var attempts = Enumerable.Range(0, 8).Select(i => Next(item) with { Title = $"writer {i}", UpdatedBy = $"u{i}" }).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = attempts.Select(attempt => Task.Run(async () =>
        {
            await start.Task;
            return await CreateStore().TryReplaceAsync(roomId, attempt, 1, TodoChange.Updated, default);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks).DefaultTimeout();

        var winner = Assert.Single(attempts.Where((_, i) => results[i]));
        Assert.Equal(new StoredTodo(winner, false), await store.FindAsync(roomId, item.Id, default).DefaultTimeout());
    }

    [Fact]
    public async Task EveryWrite_IsUnpublished_UntilMarked_AndMarksNeverMoveBack()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("outbox", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();

        Assert.Equal([new UnpublishedTodo(roomId, item, TodoChange.Added)], await UnpublishedAsync(store, roomId));
        await store.MarkPublishedAsync(roomId, item.Id, 1, default).DefaultTimeout();
        Assert.Empty(await UnpublishedAsync(store, roomId));

        var moved = Next(item) with { Position = 5 };
        await store.TryReplaceAsync(roomId, moved, 1, TodoChange.Moved, default).DefaultTimeout();
        await store.MarkPublishedAsync(roomId, item.Id, 1, default).DefaultTimeout();
        Assert.Equal([new UnpublishedTodo(roomId, moved, TodoChange.Moved)], await UnpublishedAsync(store, roomId));

        var tombstone = Next(moved);
        await store.TryReplaceAsync(roomId, tombstone, 2, TodoChange.Deleted, default).DefaultTimeout();
        Assert.Equal([new UnpublishedTodo(roomId, tombstone, TodoChange.Deleted)], await UnpublishedAsync(store, roomId));
        await store.MarkPublishedAsync(roomId, item.Id, 3, default).DefaultTimeout();
        await store.MarkPublishedAsync(roomId, item.Id, 2, default).DefaultTimeout();
        Assert.Empty(await UnpublishedAsync(store, roomId));
    }

    [Fact]
    public async Task ListUnpublished_LeavesChangesFromTheCutoffOnToTheirWriter()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var item = Item("young", 1.0);
        await store.TryAddAsync(roomId, item, default).DefaultTimeout();

        Assert.Empty(await UnpublishedAsync(store, roomId, item.UpdatedAt));
        Assert.Single(await UnpublishedAsync(store, roomId, item.UpdatedAt.AddMilliseconds(1)));
    }

    // Other tests share the database and leave their rows unpublished: only this room's count.
    private static async Task<List<UnpublishedTodo>> UnpublishedAsync(ITodoStore store, string roomId, DateTimeOffset? before = null) =>
        [.. (await store.ListUnpublishedAsync(before ?? TestEvents.At.AddDays(1), 100_000, default).DefaultTimeout()).Where(u => u.RoomId == roomId)];

    private static TodoItem Item(string title, double position) =>
        new(Guid.NewGuid().ToString(), title, false, position, 1, TestEvents.At, "u1");

    private static TodoItem Next(TodoItem item) =>
        item with { Version = item.Version + 1, UpdatedAt = item.UpdatedAt.AddSeconds(1), UpdatedBy = "u2" };
}

public sealed class InMemoryTodoStoreTests(SqliteStoreDatabase database) : TodoStoreContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    private readonly InMemoryTodoStore _store = new();

    protected override ITodoStore CreateStore() => _store;
}

public sealed class SqliteTodoStoreTests(SqliteStoreDatabase database) : TodoStoreContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    protected override ITodoStore CreateStore() => new EfTodoStore(Database.Contexts);
}

public sealed class PostgresTodoStoreTests(PostgresStoreDatabase database) : TodoStoreContractTests(database), IClassFixture<PostgresStoreDatabase>
{
    protected override ITodoStore CreateStore() => new EfTodoStore(Database.Contexts);
}
