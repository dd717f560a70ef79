using CollabApp.Core.Documents;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="IDocumentStore"/> must do (the interface's doc comments, DESIGN.md "The shared document").</summary>
public abstract class DocumentStoreContractTests(StoreDatabase database)
{
    protected StoreDatabase Database { get; } = database;

    protected abstract IDocumentStore CreateStore();

    /// <summary>What the store really holds for a room: the database's rows, or for the in-memory store its list.</summary>
    protected virtual Task<int> CountOperationRowsAsync(string roomId) => Database.CountAsync<DocumentOperationEntity>(o => o.RoomId == roomId);

    [Fact]
    public async Task ANewDocument_IsEmptyAtRevisionZero()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();

        Assert.Equal(new DocumentState(0, ""), await store.LoadSnapshotAsync(roomId, default).DefaultTimeout());
        Assert.Equal(0, await store.GetHeadRevisionAsync(roomId, default).DefaultTimeout());
        Assert.Empty(await store.ListOperationsAsync(roomId, 0, 100, default).DefaultTimeout());
    }

    [Fact]
    public async Task LoadSnapshot_IsTheNewestSaved_WhateverTheOrderOfSaving()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();

        await store.SaveSnapshotAsync(roomId, new DocumentState(3, "abc"), default).DefaultTimeout();
        Assert.Equal(new DocumentState(3, "abc"), await store.LoadSnapshotAsync(roomId, default).DefaultTimeout());
        await store.SaveSnapshotAsync(roomId, new DocumentState(7, "abc\ud83d\ude00 \u00e9"), default).DefaultTimeout();
        // A late, older snapshot (another instance's, or one saved on idle) and a repeated one change nothing.
        await store.SaveSnapshotAsync(roomId, new DocumentState(5, "older"), default).DefaultTimeout();
        await store.SaveSnapshotAsync(roomId, new DocumentState(7, "abc\ud83d\ude00 \u00e9"), default).DefaultTimeout();

        Assert.Equal(new DocumentState(7, "abc\ud83d\ude00 \u00e9"), await store.LoadSnapshotAsync(roomId, default).DefaultTimeout());
        Assert.Equal(new DocumentState(0, ""), await store.LoadSnapshotAsync(TestEvents.NewRoomId(), default).DefaultTimeout());
    }

    [Fact]
    public async Task SaveOperation_TheSameRevisionTwice_KeepsTheFirst()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var first = TestEvents.Operation(1);

        await store.SaveOperationsAsync([new StoredOperation(roomId, first)], default).DefaultTimeout();
        await store.SaveOperationsAsync([new StoredOperation(roomId, first)], default).DefaultTimeout();
        await store.SaveOperationsAsync([new StoredOperation(roomId, TestEvents.Operation(1, "u2"))], default).DefaultTimeout();

        Assert.Equal(1, await CountOperationRowsAsync(roomId));
        Assert.Equal([first], await store.ListOperationsAsync(roomId, 0, 100, default).DefaultTimeout());
    }

    [Fact]
    public async Task ListOperations_AfterARevision_InOrder_UpToTheLimit()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var operations = Enumerable.Range(1, 10).Select(r => TestEvents.Operation(r)).ToList();
        foreach (var i in new[] { 4, 0, 9, 2, 7, 1, 8, 3, 6, 5 })
        {
            await store.SaveOperationsAsync([new StoredOperation(roomId, operations[i])], default).DefaultTimeout();
        }
        await store.SaveOperationsAsync([new StoredOperation(TestEvents.NewRoomId(), TestEvents.Operation(5))], default).DefaultTimeout();

        Assert.Equal(operations[3..7], await store.ListOperationsAsync(roomId, 3, 4, default).DefaultTimeout());
        Assert.Equal(operations, await store.ListOperationsAsync(roomId, 0, 100, default).DefaultTimeout());
        Assert.Equal(operations[8..], await store.ListOperationsAsync(roomId, 8, 100, default).DefaultTimeout());
        Assert.Empty(await store.ListOperationsAsync(roomId, 10, 100, default).DefaultTimeout());
    }

    [Fact]
    public async Task Operations_RoundTrip_InsertsRetainsAndDeletesOfAnyText()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();
        var insert = new OperationCommitted(1, new TextOperation.Builder().Insert("a\ud83d\ude00\"\\\n b").Build(), "u1", Guid.NewGuid().ToString());
        var edit = new OperationCommitted(2, new TextOperation.Builder().Retain(1).Delete(2).Insert("x").Retain(5).Build(), "u2", Guid.NewGuid().ToString());

        await store.SaveOperationsAsync([new StoredOperation(roomId, insert)], default).DefaultTimeout();
        await store.SaveOperationsAsync([new StoredOperation(roomId, edit)], default).DefaultTimeout();

        Assert.Equal([insert, edit], await store.ListOperationsAsync(roomId, 0, 10, default).DefaultTimeout());
    }

    [Fact]
    public async Task GetHeadRevision_IsTheNewestOfOperationsAndSnapshot()
    {
        var store = CreateStore();
        var roomId = TestEvents.NewRoomId();

        for (var r = 1; r <= 3; r++)
        {
            await store.SaveOperationsAsync([new StoredOperation(roomId, TestEvents.Operation(r))], default).DefaultTimeout();
        }
        Assert.Equal(3, await store.GetHeadRevisionAsync(roomId, default).DefaultTimeout());

        // A snapshot newer than every stored operation (their writes still on the way) is the head.
        await store.SaveSnapshotAsync(roomId, new DocumentState(5, "xxxxx"), default).DefaultTimeout();
        Assert.Equal(5, await store.GetHeadRevisionAsync(roomId, default).DefaultTimeout());

        for (var r = 4; r <= 6; r++)
        {
            await store.SaveOperationsAsync([new StoredOperation(roomId, TestEvents.Operation(r))], default).DefaultTimeout();
        }
        Assert.Equal(6, await store.GetHeadRevisionAsync(roomId, default).DefaultTimeout());
        Assert.Equal(0, await store.GetHeadRevisionAsync(TestEvents.NewRoomId(), default).DefaultTimeout());
    }
}

public sealed class InMemoryDocumentStoreTests(SqliteStoreDatabase database) : DocumentStoreContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    private readonly InMemoryDocumentStore _store = new();

    protected override IDocumentStore CreateStore() => _store;

    protected override async Task<int> CountOperationRowsAsync(string roomId) => (await _store.ListOperationsAsync(roomId, 0, int.MaxValue, default)).Count;
}

public sealed class SqliteDocumentStoreTests(SqliteStoreDatabase database) : DocumentStoreContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    protected override IDocumentStore CreateStore() => new EfDocumentStore(Database.Contexts);
}

public sealed class PostgresDocumentStoreTests(PostgresStoreDatabase database) : DocumentStoreContractTests(database), IClassFixture<PostgresStoreDatabase>
{
    protected override IDocumentStore CreateStore() => new EfDocumentStore(Database.Contexts);
}
