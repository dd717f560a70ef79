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

        Assert.Equal([Update(roomId, "ann", PresenceStatus.Online)], await store.AddConnectionAsync(roomId, tab1, away: false, T0, default).DefaultTimeout());
        Assert.Empty(await store.AddConnectionAsync(roomId, tab2, away: false, T0.AddSeconds(1), default).DefaultTimeout());
        var entry = Assert.Single(await store.ListAsync(roomId, default).DefaultTimeout());
        Assert.Equal(new PresenceEntry("id-ann", "ann", PresenceStatus.Online, 2, T0.AddSeconds(1)), entry);

        Assert.Empty(await store.RemoveConnectionAsync(roomId, tab1, default).DefaultTimeout());
        Assert.Equal([Update(roomId, "ann", PresenceStatus.Offline)], await store.RemoveConnectionAsync(roomId, tab2, default).DefaultTimeout());
        Assert.Empty(await store.RemoveConnectionAsync(roomId, tab2, default).DefaultTimeout());
        Assert.Empty(await store.ListAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task List_HasOneEntryPerUser_OrderedByName_OnlyForItsRoom()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var roomId = TestEvents.NewRoomId();
        await store.AddConnectionAsync(roomId, Connection("bob"), away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(roomId, Connection("Ann"), away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(TestEvents.NewRoomId(), Connection("cid"), away: false, T0, default).DefaultTimeout();

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
        await store.AddConnectionAsync(roomId, tab, away: false, T0, default).DefaultTimeout();

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
        await first.AddConnectionAsync(room1, Connection("ann"), away: false, T0, default).DefaultTimeout();
        await first.AddConnectionAsync(room1, Connection("ann"), away: false, T0, default).DefaultTimeout();
        await first.AddConnectionAsync(room2, Connection("ann"), away: false, T0, default).DefaultTimeout();
        await first.AddConnectionAsync(room1, Connection("bob"), away: false, T0, default).DefaultTimeout();
        // A live instance's: cid in room1, and one more tab of bob, both refreshed.
        var cid = Connection("cid");
        var bobElsewhere = Connection("bob");
        await second.AddConnectionAsync(room1, cid, away: false, T0, default).DefaultTimeout();
        await second.AddConnectionAsync(room2, bobElsewhere, away: false, T0, default).DefaultTimeout();
        await second.RefreshAsync([(room1, cid), (room2, bobElsewhere)], T0.AddSeconds(60), default).DefaultTimeout();

        var cutoff = T0.AddSeconds(30);
        var reports = await Task.WhenAll(first.ExpireAsync(cutoff, default), second.ExpireAsync(cutoff, default)).DefaultTimeout();

        var departures = reports.SelectMany(r => r).OrderBy(d => d.RoomId).ThenBy(d => d.UserName).ToList();
        var expected = new[]
        {
            Update(room1, "ann", PresenceStatus.Offline),
            Update(room1, "bob", PresenceStatus.Offline),
            Update(room2, "ann", PresenceStatus.Offline),
        }.OrderBy(d => d.RoomId).ThenBy(d => d.UserName);
        Assert.Equal(expected, departures);
        Assert.Equal(["cid"], (await first.ListAsync(room1, default).DefaultTimeout()).Select(e => e.UserName));
        Assert.Equal(["bob"], (await second.ListAsync(room2, default).DefaultTimeout()).Select(e => e.UserName));
        Assert.Empty(await first.ExpireAsync(cutoff, default).DefaultTimeout());
    }

    [Fact]
    public async Task SetStatus_OfTheOnlyTab_ReportsTheFlipInEveryRoomOfTheUser_OnlyWhenItChanges()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        // One hub connection in two rooms is one tab with one status.
        var tab = Connection("ann");
        await store.AddConnectionAsync(room1, tab, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, tab, away: false, T0, default).DefaultTimeout();

        Assert.Empty(await store.SetStatusAsync(tab, PresenceStatus.Online, default).DefaultTimeout());
        AssertUpdates([Update(room1, "ann", PresenceStatus.Away), Update(room2, "ann", PresenceStatus.Away)], await store.SetStatusAsync(tab, PresenceStatus.Away, default).DefaultTimeout());
        Assert.Empty(await store.SetStatusAsync(tab, PresenceStatus.Away, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room2, default).DefaultTimeout()).Status);
        AssertUpdates([Update(room1, "ann", PresenceStatus.Online), Update(room2, "ann", PresenceStatus.Online)], await store.SetStatusAsync(tab, PresenceStatus.Online, default).DefaultTimeout());
        Assert.Empty(await store.SetStatusAsync(Connection("bob"), PresenceStatus.Away, default).DefaultTimeout());
    }

    [Fact]
    public async Task TwoTabs_OneAway_ShowsOnline_BothAway_ShowsAway()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var (tab1, tab2) = (Connection("ann"), Connection("ann"));
        await store.AddConnectionAsync(room1, tab1, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, tab2, away: false, T0, default).DefaultTimeout();

        Assert.Empty(await store.SetStatusAsync(tab1, PresenceStatus.Away, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Online, Assert.Single(await store.ListAsync(room1, default).DefaultTimeout()).Status);

        AssertUpdates([Update(room1, "ann", PresenceStatus.Away), Update(room2, "ann", PresenceStatus.Away)], await store.SetStatusAsync(tab2, PresenceStatus.Away, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room1, default).DefaultTimeout()).Status);
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room2, default).DefaultTimeout()).Status);
    }

    [Fact]
    public async Task ActiveTabLeaving_WhileAnAwayTabStays_ReportsAway()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var (idle, active, activeElsewhere) = (Connection("ann"), Connection("ann"), Connection("ann"));
        await store.AddConnectionAsync(room1, idle, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room1, active, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, activeElsewhere, away: false, T0, default).DefaultTimeout();
        await store.SetStatusAsync(idle, PresenceStatus.Away, default).DefaultTimeout();

        Assert.Empty(await store.RemoveConnectionAsync(room1, active, default).DefaultTimeout());
        // Her last active tab was her only one in room2: offline there, away where the idle tab stays.
        AssertUpdates([Update(room2, "ann", PresenceStatus.Offline), Update(room1, "ann", PresenceStatus.Away)], await store.RemoveConnectionAsync(room2, activeElsewhere, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room1, default).DefaultTimeout()).Status);
    }

    [Fact]
    public async Task NewActiveTab_WhileEveryOtherIsAway_ReportsOnlineInEveryRoom()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2, room3) = (TestEvents.NewRoomId(), TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var (idle1, idle2) = (Connection("ann"), Connection("ann"));
        await store.AddConnectionAsync(room1, idle1, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, idle2, away: false, T0, default).DefaultTimeout();
        await store.SetStatusAsync(idle1, PresenceStatus.Away, default).DefaultTimeout();
        await store.SetStatusAsync(idle2, PresenceStatus.Away, default).DefaultTimeout();

        // A new tab in a room she is already in flips her everywhere, that room included.
        AssertUpdates([Update(room1, "ann", PresenceStatus.Online), Update(room2, "ann", PresenceStatus.Online)], await store.AddConnectionAsync(room1, Connection("ann"), away: false, T0, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Online, Assert.Single(await store.ListAsync(room2, default).DefaultTimeout()).Status);
        Assert.Equal([Update(room3, "ann", PresenceStatus.Online)], await store.AddConnectionAsync(room3, Connection("ann"), away: false, T0, default).DefaultTimeout());
    }

    [Fact]
    public async Task NewTab_InANewRoom_WhileEveryOtherIsAway_ArrivesOnline_AndFlipsTheOtherRooms()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var idle = Connection("ann");
        await store.AddConnectionAsync(room1, idle, away: false, T0, default).DefaultTimeout();
        await store.SetStatusAsync(idle, PresenceStatus.Away, default).DefaultTimeout();

        AssertUpdates([Update(room2, "ann", PresenceStatus.Online), Update(room1, "ann", PresenceStatus.Online)], await store.AddConnectionAsync(room2, Connection("ann"), away: false, T0, default).DefaultTimeout());
    }

    [Fact]
    public async Task AnAwayConnection_JoiningAnotherRoom_ArrivesAway()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var tab = Connection("ann");
        await store.AddConnectionAsync(room1, tab, away: false, T0, default).DefaultTimeout();
        await store.SetStatusAsync(tab, PresenceStatus.Away, default).DefaultTimeout();

        Assert.Equal([Update(room2, "ann", PresenceStatus.Away)], await store.AddConnectionAsync(room2, tab, away: false, T0, default).DefaultTimeout());
    }

    [Fact]
    public async Task JoiningAway_ArrivesAway_AndFlipsNobodyWhileAnotherTabIsActive()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var idle = Connection("ann");

        Assert.Equal([Update(room1, "ann", PresenceStatus.Away)], await store.AddConnectionAsync(room1, idle, away: true, T0, default).DefaultTimeout());
        Assert.Equal(
            [Update(room2, "ann", PresenceStatus.Online), Update(room1, "ann", PresenceStatus.Online)],
            await store.AddConnectionAsync(room2, Connection("ann"), away: false, T0, default).DefaultTimeout());
        Assert.Empty(await store.AddConnectionAsync(room1, Connection("ann"), away: true, T0, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Online, Assert.Single(await store.ListAsync(room1, default).DefaultTimeout()).Status);
    }

    [Fact]
    public async Task ActiveTabExpiring_WhileAnAwayTabIsRefreshed_ReportsAway_EvenFromTwoStoresAtOnce()
    {
        await using var backplane = CreateBackplane(new());
        var first = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var second = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var roomId = TestEvents.NewRoomId();
        var (idle, crashed) = (Connection("ann"), Connection("ann"));
        await second.AddConnectionAsync(roomId, idle, away: false, T0, default).DefaultTimeout();
        await first.AddConnectionAsync(roomId, crashed, away: false, T0, default).DefaultTimeout();
        await second.SetStatusAsync(idle, PresenceStatus.Away, default).DefaultTimeout();
        await second.RefreshAsync([(roomId, idle)], T0.AddSeconds(60), default).DefaultTimeout();

        var cutoff = T0.AddSeconds(30);
        var reports = await Task.WhenAll(first.ExpireAsync(cutoff, default), second.ExpireAsync(cutoff, default)).DefaultTimeout();

        Assert.Equal([Update(roomId, "ann", PresenceStatus.Away)], reports.SelectMany(r => r));
        var entry = Assert.Single(await first.ListAsync(roomId, default).DefaultTimeout());
        Assert.Equal((PresenceStatus.Away, 1), (entry.Status, entry.Connections));
    }

    [Fact]
    public async Task EveryTabExpiring_ReportsOffline_WithoutAwayFirst()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var roomId = TestEvents.NewRoomId();
        var idle = Connection("ann");
        await store.AddConnectionAsync(roomId, idle, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(roomId, Connection("ann"), away: false, T0, default).DefaultTimeout();
        await store.SetStatusAsync(idle, PresenceStatus.Away, default).DefaultTimeout();

        Assert.Equal([Update(roomId, "ann", PresenceStatus.Offline)], await store.ExpireAsync(T0.AddSeconds(30), default).DefaultTimeout());
    }

    [Fact]
    public async Task Status_IsForgotten_WhenTheConnectionLeavesItsLastRoom()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Presence;
        var (room1, room2) = (TestEvents.NewRoomId(), TestEvents.NewRoomId());
        var tab = Connection("ann");
        await store.AddConnectionAsync(room1, tab, away: false, T0, default).DefaultTimeout();
        await store.AddConnectionAsync(room2, tab, away: false, T0, default).DefaultTimeout();
        await store.SetStatusAsync(tab, PresenceStatus.Away, default).DefaultTimeout();

        await store.RemoveConnectionAsync(room1, tab, default).DefaultTimeout();
        Assert.Equal(PresenceStatus.Away, Assert.Single(await store.ListAsync(room2, default).DefaultTimeout()).Status);
        await store.RemoveConnectionAsync(room2, tab, default).DefaultTimeout();

        Assert.Equal([Update(room1, "ann", PresenceStatus.Online)], await store.AddConnectionAsync(room1, tab, away: false, T0, default).DefaultTimeout());
        Assert.Equal(PresenceStatus.Online, Assert.Single(await store.ListAsync(room1, default).DefaultTimeout()).Status);
    }

    private static PresenceUpdate Update(string roomId, string userName, string status) => new(roomId, $"id-{userName}", userName, status);

    // A change reported in several rooms may list them in any order.
    private static void AssertUpdates(PresenceUpdate[] expected, IReadOnlyList<PresenceUpdate> actual) =>
        Assert.Equal(expected.OrderBy(u => u.RoomId, StringComparer.Ordinal), actual.OrderBy(u => u.RoomId, StringComparer.Ordinal));

    // A fresh connection of a user whose id is "id-" + name.
    private static PresenceConnection Connection(string userName) => new($"conn-{Guid.NewGuid():N}", $"id-{userName}", userName);
}
