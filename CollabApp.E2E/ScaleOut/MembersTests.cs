using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.ScaleOut;

/// <summary>Members through the UI, behind nginx, with the two people on different instances (issue 15, 1).</summary>
public sealed class MembersTests
{
    [Fact]
    public async Task OwnerAddsAMember_WhoOpensTheRoomOnTheOtherInstance_ThenRemovesThem_TheirPageLeavesAndTheirListLosesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["Collab__Auth__SigningKey"] = "members-test-signing-key-" + Guid.NewGuid().ToString("N") },
        };
        await using var a = await AppInstance.StartAsync(options with { InstanceId = "a" });
        await using var b = await AppInstance.StartAsync(options with { InstanceId = "b" });
        await using var balancer = await NginxBalancer.StartAsync([a.Port, b.Port]);
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(balancer.BaseUrl, async scenario =>
        {
            var alice = await scenario.NewUserAsync();
            var bob = await scenario.NewUserAsync();
            await alice.RegisterAsync();
            await bob.RegisterAsync();
            // The app bar names people by their display names (issue 15, 6).
            await Expect(alice.Page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Display {alice.Name}");
            var aliceInstance = await alice.Page.GetByTestId("instance").TextContentAsync();
            await StickyInstance.MoveOffAsync(bob, aliceInstance!);

            var roomId = Names.Room();
            var roomName = $"Crew {roomId}";
            await alice.Rooms.GotoAsync();
            await alice.Rooms.CreateRoomAsync(roomId, roomName, isPrivate: true);
            var aliceRoom = await alice.OpenRoomAsync(roomId, roomName);
            await aliceRoom.AddMemberAsync(bob.Name, $"Display {bob.Name}");
            await Expect(aliceRoom.Members.Filter(new() { HasText = $"Display {alice.Name}" })).ToContainTextAsync("owner");
            await aliceRoom.MembersDialogButton("Close").ClickAsync();
            await Expect(aliceRoom.MembersDialog).ToHaveCountAsync(0);

            var bobRoom = await bob.OpenRoomAsync(roomId, roomName);
            await Expect(bob.Page.GetByTestId("instance")).Not.ToHaveTextAsync(aliceInstance!);
            await aliceRoom.SendAsync("welcome aboard");
            await Expect(bobRoom.ChatMessages.Filter(new() { HasText = "welcome aboard" })).ToHaveCountAsync(1);

            await aliceRoom.MembersButton.ClickAsync();
            await aliceRoom.MembersDialogButton($"Remove Display {bob.Name}").ClickAsync();
            await Expect(aliceRoom.Members.Filter(new() { HasText = $"Display {bob.Name}" })).ToHaveCountAsync(0);

            // Bob's page, on the other instance, is told and goes back to the room list, which no longer has the room.
            await Expect(bob.Page).ToHaveURLAsync(new Regex("/rooms$"));
            await Expect(bob.Page.GetByText($"You are no longer a member of “{roomName}”.")).ToBeVisibleAsync();
            await Expect(bob.Rooms.Link("Lobby")).ToBeVisibleAsync();
            await Expect(bob.Rooms.Link(roomName)).ToHaveCountAsync(0);
            await bob.Page.GotoAsync($"/rooms/{roomId}");
            await Expect(new Pages.RoomPage(bob.Page).NoAccess).ToBeVisibleAsync();
        }, nameof(OwnerAddsAMember_WhoOpensTheRoomOnTheOtherInstance_ThenRemovesThem_TheirPageLeavesAndTheirListLosesIt));
    }
}
