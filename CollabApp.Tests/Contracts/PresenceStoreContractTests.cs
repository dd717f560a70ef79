using CollabApp.Core.Presence;

namespace CollabApp.Tests.Contracts;

/// <summary>What every <see cref="IPresenceStore"/> must do: per-connection presence, reported per user, once.</summary>
public abstract class PresenceStoreContractTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000);

    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task TwoTabsOfOneUser_ComeOnlineOnce_AndGoOfflineOnce()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var roomId = TestEvents.NewRoomId();
        var (tab1, tab2) = (Connection("ann"), Connection("ann"));

        Assert.True(await store.AddConnectionAsync(roomId, tab1, T0, default).DefaultTimeout());
        Assert.False(await store.AddConnectionAsync(roomId, tab2, T0.AddSeconds(1), default).DefaultTimeout());
        var entry = Assert.Single(await store.ListAsync(roomId, default).DefaultTimeout());
        Assert.Equal(new PresenceEntry("id-ann", "ann", PresenceStatus.Online, 2, T0.AddSeconds(1)), entry);

        Assert.False(await store.RemoveConnectionAsync(roomId, tab1, default).DefaultTimeout());
        Assert.True(await store.RemoveConnectionAsync(roomId, tab2, default).DefaultTimeout());
        Assert.False(await store.RemoveConnectionAsync(roomId, tab2, default).DefaultTimeout());
        Assert.Empty(await store.ListAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task List_HasOneEntryPerUser_OrderedByName_OnlyForItsRoom()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var roomId = TestEvents.NewRoomId();
        await store.AddConnectionAsync(roomId, Connection("bob"), T0, default).DefaultTimeout();
        await store.AddConnectionAsync(roomId, Connection("Ann"), T0, default).DefaultTimeout();
        await store.AddConnectionAsync(TestEvents.NewRoomId(), Connection("cid"), T0, default).DefaultTimeout();

        var entries = await store.ListAsync(roomId, default).DefaultTimeout();

        Assert.Equal(["Ann", "bob"], entries.Select(e => e.UserName));
        Assert.All(entries, e => Assert.Equal(1, e.Connections));
    }

    [Fact]
    public async Task Refresh_KeepsAConnectionFromExpiring_AndMovesItsLastSeen()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var roomId = TestEvents.NewRoomId();
        var tab = Connection("ann");
        await store.AddConnectionAsync(roomId, tab, T0, default).DefaultTimeout();

        await store.RefreshAsync([(roomId, tab), (roomId, Connection("never-added"))], T0.AddSeconds(30), default).DefaultTimeout();

        Assert.Empty(await store.ExpireAsync(T0.AddSeconds(10), default).DefaultTimeout());
        var entry = Assert.Single(await store.ListAsync(roomId, default).DefaultTimeout());
        Assert.Equal(T0.AddSeconds(30), entry.LastSeen);
    }

    [Fact]
    public async Task Expire_OfACrashedInstancesConnections_ReportsEachDepartedUserOnce_EvenFromTwoStoresAtOnce()
    {
        await using var backplane = CreateBackplane(new());
        var first = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var second = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        // The crashed instance's connections: ann with two tabs in room1 and one in room2, bob in room1.
        await first.AddConnectionAsync(room1, Connection("ann"), T0, default).DefaultTimeout();
        await first.AddConnectionAsync(room1, Connection("ann"), T0, default).DefaultTimeout();
        await first.AddConnectionAsync(room2, Connection("ann"), T0, default).DefaultTimeout();
        await first.AddConnectionAsync(room1, Connection("bob"), T0, default).DefaultTimeout();
        // A live instance's: cid in room1, and one more tab of bob, both refreshed.
        var cid = Connection("cid");
        var bobElsewhere = Connection("bob");
        await second.AddConnectionAsync(room1, cid, T0, default).DefaultTimeout();
        await second.AddConnectionAsync(room2, bobElsewhere, T0, default).DefaultTimeout();
        await second.RefreshAsync([(room1, cid), (room2, bobElsewhere)], T0.AddSeconds(60), default).DefaultTimeout();

        var cutoff = T0.AddSeconds(30);
        var reports = await Task.WhenAll(first.ExpireAsync(cutoff, default), second.ExpireAsync(cutoff, default)).DefaultTimeout();

        var departures = reports.SelectMany(r => r).OrderBy(d => d.RoomId).ThenBy(d => d.UserName).ToList();
        var expected = new[]
        {
            new PresenceDeparture(room1, "id-ann", "ann"),
            new PresenceDeparture(room1, "id-bob", "bob"),
            new PresenceDeparture(room2, "id-ann", "ann"),
        }.OrderBy(d => d.RoomId).ThenBy(d => d.UserName);
        Assert.Equal(expected, departures);
        Assert.Equal(["cid"], (await first.ListAsync(room1, default).DefaultTimeout()).Select(e => e.UserName));
        Assert.Equal(["bob"], (await second.ListAsync(room2, default).DefaultTimeout()).Select(e => e.UserName));
        Assert.Empty(await first.ExpireAsync(cutoff, default).DefaultTimeout());
    }

    [Fact]
    public async Task SetStatus_ReturnsTheUsersRooms_OnlyWhenItChanges()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var (tab1, tab2) = (Connection("ann"), Connection("ann"));
        await store.AddConnectionAsync(room1, tab1, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, tab2, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, Connection("ann"), T0, default).DefaultTimeout();

        Assert.Empty(await store.SetStatusAsync("id-ann", PresenceStatus.Online, default).DefaultTimeout());
        Assert.Equal(new[] { room1, room2 }.Order(), (await store.SetStatusAsync("id-ann", PresenceStatus.Away, default).DefaultTimeout()).Order());
        Assert.Empty(await store.SetStatusAsync("id-ann", PresenceStatus.Away, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room2, default).DefaultTimeout()).Status);
        Assert.Equal(new[] { room1, room2 }.Order(), (await store.SetStatusAsync("id-ann", PresenceStatus.Online, default).DefaultTimeout()).Order());
        Assert.Empty(await store.SetStatusAsync("id-bob", PresenceStatus.Online, default).DefaultTimeout());
    }

    [Fact]
    public async Task Status_IsForgotten_WhenTheUserHasNoConnectionLeftAnywhere()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var (tab1, tab2) = (Connection("ann"), Connection("ann"));
        await store.AddConnectionAsync(room1, tab1, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, tab2, T0, default).DefaultTimeout();
        await store.SetStatusAsync("id-ann", PresenceStatus.Away, default).DefaultTimeout();

        await store.RemoveConnectionAsync(room1, tab1, default).DefaultTimeout();
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room2, default).DefaultTimeout()).Status);
        await store.RemoveConnectionAsync(room2, tab2, default).DefaultTimeout();
        await store.AddConnectionAsync(room1, Connection("ann"), T0, default).DefaultTimeout();

        Assert.Equal(PresenceStatus.Online, Assert.Single(await store.ListAsync(room1, default).DefaultTimeout()).Status);
    }

    // A fresh connection of a user whose id is "id-" + name.
    private static PresenceConnection Connection(string userName) => new($"conn-{Guid.NewGuid():N}", $"id-{userName}", userName);
}
