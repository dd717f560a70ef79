using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="IRoomDirectory"/> must do.</summary>
public abstract class RoomDirectoryContractTests(StoreDatabase database)
{
    protected StoreDatabase Database { get; } = database;

    protected abstract IRoomDirectory CreateDirectory();

    // Rooms and members are written by the app's room API, not through the port: the database's rows by default, the
    // in-memory directory's own methods for it.

    protected virtual Task AddRoomAsync(RoomInfo room, params string[] memberIds) =>
        Database.AddRoomAsync(room.RoomId, room.Name, room.IsPrivate, room.OwnerId, memberIds);

    protected virtual Task RemoveMemberAsync(string roomId, string userId) => Database.RemoveMemberAsync(roomId, userId);

    protected virtual Task DeleteRoomAsync(string roomId) => Database.DeleteRoomAsync(roomId);

    [Fact]
    public async Task Find_TheLobby_ExistsFromTheStart()
    {
        var directory = CreateDirectory();

        Assert.Equal(new RoomInfo(DatabaseInitializer.LobbyId, "Lobby", false, null), await directory.FindAsync("lobby", default).DefaultTimeout());
    }

    [Fact]
    public async Task Find_AStoredRoom_AndNothingForAnUnknownOne()
    {
        var directory = CreateDirectory();
        var roomId = TestEvents.NewRoomId();
        await AddRoomAsync(new RoomInfo(roomId, "Secret plans", IsPrivate: true, OwnerId: "owner"), "owner", "member");

        Assert.Equal(new RoomInfo(roomId, "Secret plans", true, "owner"), await directory.FindAsync(roomId, default).DefaultTimeout());
        Assert.Null(await directory.FindAsync(TestEvents.NewRoomId(), default).DefaultTimeout());
    }

    [Fact]
    public async Task IsMember_OnlyForTheRoomsMembers()
    {
        var directory = CreateDirectory();
        var roomId = TestEvents.NewRoomId();
        var otherRoomId = TestEvents.NewRoomId();
        await AddRoomAsync(new RoomInfo(roomId, "Mine", IsPrivate: true, OwnerId: "owner"), "owner", "member");
        await AddRoomAsync(new RoomInfo(otherRoomId, "Other", IsPrivate: true, OwnerId: "stranger"), "stranger");

        Assert.True(await directory.IsMemberAsync(roomId, "owner", default).DefaultTimeout());
        Assert.True(await directory.IsMemberAsync(roomId, "member", default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(roomId, "stranger", default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(otherRoomId, "member", default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(TestEvents.NewRoomId(), "member", default).DefaultTimeout());
    }

    [Fact]
    public async Task ARemovedMember_AndADeletedRoom_AreGone_AndNothingElse()
    {
        var directory = CreateDirectory();
        var (roomId, keptId) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        await AddRoomAsync(new RoomInfo(roomId, "Going", IsPrivate: true, OwnerId: "owner"), "owner", "member", "leaver");
        await AddRoomAsync(new RoomInfo(keptId, "Staying", IsPrivate: true, OwnerId: "owner"), "owner", "member");

        await RemoveMemberAsync(roomId, "leaver");

        Assert.False(await directory.IsMemberAsync(roomId, "leaver", default).DefaultTimeout());
        Assert.True(await directory.IsMemberAsync(roomId, "member", default).DefaultTimeout());

        await DeleteRoomAsync(roomId);

        Assert.Null(await directory.FindAsync(roomId, default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(roomId, "member", default).DefaultTimeout());
        Assert.Equal("Staying", (await directory.FindAsync(keptId, default).DefaultTimeout())?.Name);
        Assert.True(await directory.IsMemberAsync(keptId, "member", default).DefaultTimeout());
    }
}

public sealed class InMemoryRoomDirectoryTests(SqliteStoreDatabase database) : RoomDirectoryContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    private readonly InMemoryRoomDirectory _directory = new();

    protected override IRoomDirectory CreateDirectory() => _directory;

    protected override Task AddRoomAsync(RoomInfo room, params string[] memberIds)
    {
        _directory.Save(room, memberIds);
        return Task.CompletedTask;
    }

    protected override Task RemoveMemberAsync(string roomId, string userId)
    {
        _directory.RemoveMember(roomId, userId);
        return Task.CompletedTask;
    }

    protected override Task DeleteRoomAsync(string roomId)
    {
        _directory.Remove(roomId);
        return Task.CompletedTask;
    }
}

public sealed class SqliteRoomDirectoryTests(SqliteStoreDatabase database) : RoomDirectoryContractTests(database), IClassFixture<SqliteStoreDatabase>
{
    protected override IRoomDirectory CreateDirectory() => new EfRoomDirectory(Database.Contexts);
}

public sealed class PostgresRoomDirectoryTests(PostgresStoreDatabase database) : RoomDirectoryContractTests(database), IClassFixture<PostgresStoreDatabase>
{
    protected override IRoomDirectory CreateDirectory() => new EfRoomDirectory(Database.Contexts);
}
