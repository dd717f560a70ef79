using System.Net.Http.Json;
using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>MarkRead on the hub and the unread and online counts of <c>GET /api/rooms</c> (docs/protocol.md sections 1 and 4).</summary>
public sealed class UnreadHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task MarkRead_MovesTheMarkerForwardOnly_AndTheRoomListCountsOthersMessagesAfterIt(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var first = await bob.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "first");
        Assert.Equal(JsonValueKind.Null, (await LobbyAsync(room, alice)).GetProperty("unread").ValueKind);

        await alice.InvokeAsync("MarkRead", "lobby", first.GetProperty("id").GetString());
        var second = await bob.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "second");
        await bob.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "third");
        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "alice's own does not count");

        var lobby = await LobbyAsync(room, alice);
        Assert.Equal(2, lobby.GetProperty("unread").GetInt32());
        Assert.Equal(2, lobby.GetProperty("online").GetInt32());

        await alice.InvokeAsync("MarkRead", "lobby", second.GetProperty("id").GetString());
        await alice.InvokeAsync("MarkRead", "lobby", first.GetProperty("id").GetString());
        Assert.Equal(1, (await LobbyAsync(room, alice)).GetProperty("unread").GetInt32());
        // Bob never marked anything: no count for him.
        Assert.Equal(JsonValueKind.Null, (await LobbyAsync(room, bob)).GetProperty("unread").ValueKind);
    }

    [Fact]
    public async Task MarkRead_BadOrUnknownMessages_AreRefused_AndMoveNothing()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        await room.CreateRoomAsync(alice.User, "elsewhere", isPrivate: false);
        var other = await alice.InvokeAsync<JsonElement>("SendMessage", "elsewhere", Guid.NewGuid().ToString(), "not in the lobby");

        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync("MarkRead", "lobby", "not-an-id"));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync("MarkRead", "lobby", null));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync("MarkRead", "lobby", Guid.NewGuid().ToString()));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync("MarkRead", "lobby", other.GetProperty("id").GetString()));

        Assert.Equal(JsonValueKind.Null, (await LobbyAsync(room, alice)).GetProperty("unread").ValueKind);
    }

    private static async Task<JsonElement> LobbyAsync(HubTestRoom room, HubClient client)
    {
        var response = await room.Http.SendAsync(client.User.Authorized(HttpMethod.Get, "/api/rooms"));
        response.EnsureSuccessStatusCode();
        var rooms = await response.Content.ReadFromJsonAsync<JsonElement>();
        return rooms.EnumerateArray().Single(r => r.GetProperty("roomId").GetString() == "lobby");
    }
}
