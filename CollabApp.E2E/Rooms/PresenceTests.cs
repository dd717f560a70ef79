using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Rooms;

public sealed class PresenceTests(PresenceAppFixture fixture) : IClassFixture<PresenceAppFixture>
{
    /// <summary>A closed tab's presence is gone at the latest one TTL after its last refresh, plus a refresh tick to notice.</summary>
    private static readonly float GoneWithin = (float)(PresenceAppFixture.Ttl + 2 * PresenceAppFixture.Refresh).TotalMilliseconds;

    [Fact]
    public Task Presence_TwoUsers_SeeEachOtherOnline() => fixture.RunAsync(async scenario =>
    {
        var alice = await scenario.NewUserAsync();
        var bob = await scenario.NewUserAsync();
        var (_, _, rooms) = await RoomScenarios.EveryoneInNewRoomAsync(alice, bob);

        await Expect(rooms[0].PresenceEntry(bob.Name)).ToHaveAttributeAsync("data-status", "online");
        await Expect(rooms[1].PresenceEntry(alice.Name)).ToHaveAttributeAsync("data-status", "online");
        await Expect(rooms[0].PresenceEntry(alice.Name)).ToHaveCountAsync(1);
    });

    [Fact]
    public Task Presence_ClosingOneOfTwoTabs_KeepsUser_ClosingTheLast_RemovesWithinTtl() => fixture.RunAsync(async scenario =>
    {
        var alice = await scenario.NewUserAsync();
        var bob = await scenario.NewUserAsync();
        var carol = await scenario.NewUserAsync();
        var (roomId, roomName, rooms) = await RoomScenarios.EveryoneInNewRoomAsync(alice, bob, carol);
        var aliceRoom = rooms[0];
        var bobSecondTab = await RoomPage.OpenAsync(await bob.NewTabAsync(), roomId, roomName);
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveAttributeAsync("data-status", "online");
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveCountAsync(1);
        await Expect(aliceRoom.PresenceEntry(carol.Name)).ToHaveCountAsync(1);

        // Carol's only tab and Bob's first tab close together; once Carol is gone, Bob's closed tab has
        // been dealt with too, and Bob must still be listed (his second tab is open).
        await Task.WhenAll(bob.Page.CloseAsync(), carol.Page.CloseAsync());
        await Expect(aliceRoom.PresenceEntry(carol.Name)).ToHaveCountAsync(0, new() { Timeout = GoneWithin });
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveAttributeAsync("data-status", "online");

        await bobSecondTab.Page.CloseAsync();
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveCountAsync(0, new() { Timeout = GoneWithin });
        await Expect(aliceRoom.PresenceEntry(alice.Name)).ToHaveCountAsync(1);
    });

    [Fact]
    public Task Presence_AUserShowsAway_OnlyWhileEveryTabOfTheirsIsHidden() => fixture.RunAsync(async scenario =>
    {
        var alice = await scenario.NewUserAsync();
        var bob = await scenario.NewUserAsync();
        var (roomId, roomName, rooms) = await RoomScenarios.EveryoneInNewRoomAsync(alice, bob);
        var aliceRoom = rooms[0];
        var bobSecondTab = await RoomPage.OpenAsync(await bob.NewTabAsync(), roomId, roomName);
        // The second tab's snapshot is read after its presence is added, so it counts both tabs.
        await Expect(bobSecondTab.PresenceEntry(bob.Name)).ToContainTextAsync("2 devices");

        await SetVisibilityAsync(bob.Page, "hidden");
        await SetVisibilityAsync(bobSecondTab.Page, "hidden");
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveAttributeAsync("data-status", "away");

        // One tab back in view is enough, though the other stays hidden.
        await SetVisibilityAsync(bobSecondTab.Page, "visible");
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveAttributeAsync("data-status", "online");

        // The active tab closes; the hidden one remains: away again.
        await bobSecondTab.Page.CloseAsync();
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveAttributeAsync("data-status", "away", new() { Timeout = GoneWithin });
        await Expect(aliceRoom.PresenceEntry(bob.Name)).ToHaveCountAsync(1);
    });

    // Headless tabs are always visible: stand in for the browser hiding or showing one, as idle.mjs sees it.
    private static Task SetVisibilityAsync(Microsoft.Playwright.IPage page, string state) =>
        page.EvaluateAsync(
            """
            state => {
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """,
            state);
}
