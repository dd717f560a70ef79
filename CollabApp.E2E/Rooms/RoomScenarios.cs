using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;

namespace CollabApp.E2E.Rooms;

/// <summary>The common start of the room tests: people signed up and in one fresh public room.</summary>
public static class RoomScenarios
{
    /// <summary>Alice creates a public room through the UI; everyone (Alice first) has it open, interactive.</summary>
    public static async Task<(string RoomId, string RoomName, RoomPage[] Pages)> EveryoneInNewRoomAsync(params User[] users)
    {
        await Task.WhenAll(users.Select(u => u.RegisterAsync()));
        var roomId = Names.Room();
        var roomName = $"Room {roomId}";
        var owner = users[0];
        await owner.Rooms.GotoAsync();
        await owner.Rooms.CreateRoomAsync(roomId, roomName, isPrivate: false);
        var pages = await Task.WhenAll(users.Select(u => u.OpenRoomAsync(roomId, roomName)));
        return (roomId, roomName, pages);
    }

    public static async Task<(RoomPage Alice, RoomPage Bob)> TwoUsersInNewRoomAsync(Scenario scenario)
    {
        var (_, _, pages) = await EveryoneInNewRoomAsync(await scenario.NewUserAsync(), await scenario.NewUserAsync());
        return (pages[0], pages[1]);
    }
}
