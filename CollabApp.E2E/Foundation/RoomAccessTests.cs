using CollabApp.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Foundation;

public sealed class RoomAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public Task PrivateRoom_OtherUser_SeesNoAccessAndNotInList() => fixture.RunAsync(async scenario =>
    {
        var alice = await scenario.NewUserAsync();
        var bob = await scenario.NewUserAsync();
        await Task.WhenAll(alice.RegisterAsync(), bob.RegisterAsync());
        await Task.WhenAll(Journeys.OpenLobbyFromListAsync(alice), Journeys.OpenLobbyFromListAsync(bob));

        var roomId = Names.Room();
        var roomName = $"Secret {roomId}";
        await alice.Rooms.GotoAsync();
        await alice.Rooms.CreateRoomAsync(roomId, roomName, isPrivate: true);
        await alice.Rooms.GotoAsync();
        await Expect(alice.Rooms.Link(roomName)).ToBeVisibleAsync();

        await bob.Page.GotoAsync($"/rooms/{roomId}");
        var room = new Pages.RoomPage(bob.Page);
        await Expect(room.NoAccess).ToBeVisibleAsync();
        await Expect(bob.Page.GetByText(roomName)).ToHaveCountAsync(0);

        await bob.Rooms.GotoAsync();
        await Expect(bob.Rooms.Link("Lobby")).ToBeVisibleAsync();
        await Expect(bob.Rooms.Link(roomName)).ToHaveCountAsync(0);
    });
}
