using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CollabApp.Tests.Hosting;

public sealed class RoomApiTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Rooms_LobbyExists_PrivateRoomsOnlyForMembers(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(client);
        var stranger = await TestUsers.RegisterAsync(client);
        var friend = await TestUsers.RegisterAsync(client);

        var created = await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "secret-1", name = "Secret", isPrivate = true }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var added = await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms/secret-1/members", new { userName = friend.UserName }));
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);

        Assert.Equal(["lobby", "secret-1"], await RoomIdsAsync(client, owner));
        Assert.Equal(["lobby"], await RoomIdsAsync(client, stranger));
        Assert.Equal(["lobby", "secret-1"], await RoomIdsAsync(client, friend));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("under_score")]
    [InlineData("x-65-characters-long-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData(null)]
    public async Task CreateRoom_BadId_Is400(string? roomId)
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        var response = await client.SendAsync(user.Authorized(HttpMethod.Post, "/api/rooms", new { roomId, name = "x", isPrivate = false }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("roomId must be 1-64 characters of a-z, 0-9 and '-'.", problem.GetProperty("errors").GetProperty("roomId")[0].GetString());
    }

    [Fact]
    public async Task CreateRoom_BadName_Is400_NamingTheName()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        var response = await client.SendAsync(user.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "long-name", name = new string('n', 101), isPrivate = false }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["name"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Name must be 1-100 characters.", errors.GetProperty("name")[0].GetString());
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task CreateRoom_TakenId_Is409(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        var lobby = await client.SendAsync(user.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "lobby", name = "Mine", isPrivate = false }));

        Assert.Equal(HttpStatusCode.Conflict, lobby.StatusCode);
        Assert.Equal("That room id is taken.", (await lobby.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task AddMember_NotOwnerIs403_UnknownRoomOrUserIs404(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(client);
        var other = await TestUsers.RegisterAsync(client);
        await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "team", name = "Team", isPrivate = true }));

        var notOwner = await client.SendAsync(other.Authorized(HttpMethod.Post, "/api/rooms/team/members", new { userName = other.UserName }));
        var unknownRoom = await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms/nope/members", new { userName = other.UserName }));
        var unknownUser = await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms/team/members", new { userName = TestUsers.NewName() }));

        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRoom.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(["lobby"], await RoomIdsAsync(client, other));
    }

    private static async Task<string[]> RoomIdsAsync(HttpClient client, TestUser user)
    {
        var response = await client.SendAsync(user.Authorized(HttpMethod.Get, "/api/rooms"));
        response.EnsureSuccessStatusCode();
        var rooms = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. rooms.EnumerateArray().Select(r => r.GetProperty("roomId").GetString()!).Order(StringComparer.Ordinal)];
    }
}
