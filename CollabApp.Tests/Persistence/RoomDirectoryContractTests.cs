using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Persistence;

/// <summary>What every <see cref="IRoomDirectory"/> must do.</summary>
public abstract class RoomDirectoryContractTests(StoreDatabase database)
{
    protected StoreDatabase Database { get; } = database;

    protected abstract IRoomDirectory CreateDirectory();

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
        await Database.AddRoomAsync(roomId, "Secret plans", isPrivate: true, ownerId: "owner", "owner", "member");

        Assert.Equal(new RoomInfo(roomId, "Secret plans", true, "owner"), await directory.FindAsync(roomId, default).DefaultTimeout());
        Assert.Null(await directory.FindAsync(TestEvents.NewRoomId(), default).DefaultTimeout());
    }

    [Fact]
    public async Task IsMember_OnlyForTheRoomsMembers()
    {
        var directory = CreateDirectory();
        var roomId = TestEvents.NewRoomId();
        var otherRoomId = TestEvents.NewRoomId();
        await Database.AddRoomAsync(roomId, "Mine", isPrivate: true, ownerId: "owner", "owner", "member");
        await Database.AddRoomAsync(otherRoomId, "Other", isPrivate: true, ownerId: "stranger", "stranger");

        Assert.True(await directory.IsMemberAsync(roomId, "owner", default).DefaultTimeout());
        Assert.True(await directory.IsMemberAsync(roomId, "member", default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(roomId, "stranger", default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(otherRoomId, "member", default).DefaultTimeout());
        Assert.False(await directory.IsMemberAsync(TestEvents.NewRoomId(), "member", default).DefaultTimeout());
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
