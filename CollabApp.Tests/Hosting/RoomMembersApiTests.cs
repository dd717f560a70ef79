using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CollabApp.Tests.Hosting;

/// <summary>The members, rename and delete endpoints: status codes, rights and bad input.</summary>
public sealed class RoomMembersApiTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Members_OwnerAddsListsAndRemoves_TheRemovedLoseTheRoom(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(client);
        var friend = await TestUsers.RegisterAsync(client);
        await CreateAsync(client, owner, "crew", isPrivate: true);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms/crew/members", new { userName = friend.UserName }))).StatusCode);
        var members = await MembersAsync(client, friend, "crew");

        Assert.Equal([(owner.UserName, "Name " + owner.UserName, true), (friend.UserName, "Name " + friend.UserName, false)], members);
        Assert.Contains("crew", await RoomIdsAsync(client, friend));

        var removed = await client.SendAsync(owner.Authorized(HttpMethod.Delete, $"/api/rooms/crew/members/{friend.UserName}"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain("crew", await RoomIdsAsync(client, friend));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(friend.Authorized(HttpMethod.Get, "/api/rooms/crew/members"))).StatusCode);
        var again = await client.SendAsync(owner.Authorized(HttpMethod.Delete, $"/api/rooms/crew/members/{friend.UserName}"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal([(owner.UserName, "Name " + owner.UserName, true)], await MembersAsync(client, owner, "crew"));
    }

    [Fact]
    public async Task Rights_OnlyTheOwnerManages_NoOneRemovesTheOwner_MembersMayLeavePrivateRooms()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(client);
        var member = await TestUsers.RegisterAsync(client);
        var other = await TestUsers.RegisterAsync(client);
        await CreateAsync(client, owner, "den", isPrivate: true);
        await CreateAsync(client, owner, "square", isPrivate: false);
        foreach (var room in new[] { "den", "square" })
        {
            (await client.SendAsync(owner.Authorized(HttpMethod.Post, $"/api/rooms/{room}/members", new { userName = member.UserName }))).EnsureSuccessStatusCode();
        }

        var refusals = new (TestUser Who, HttpMethod Method, string Path, object? Body, HttpStatusCode Expected)[]
        {
            (member, HttpMethod.Post, "/api/rooms/den/members", new { userName = other.UserName }, HttpStatusCode.Forbidden),
            (member, HttpMethod.Delete, $"/api/rooms/den/members/{owner.UserName}", null, HttpStatusCode.Forbidden),
            (member, HttpMethod.Patch, "/api/rooms/den", new { name = "Mine now" }, HttpStatusCode.Forbidden),
            (member, HttpMethod.Delete, "/api/rooms/den", null, HttpStatusCode.Forbidden),
            (other, HttpMethod.Get, "/api/rooms/den/members", null, HttpStatusCode.Forbidden),
            (owner, HttpMethod.Delete, $"/api/rooms/den/members/{owner.UserName}", null, HttpStatusCode.Forbidden),
            (member, HttpMethod.Delete, $"/api/rooms/square/members/{member.UserName}", null, HttpStatusCode.Forbidden),
            (owner, HttpMethod.Delete, "/api/rooms/lobby", null, HttpStatusCode.Forbidden),
            (owner, HttpMethod.Delete, $"/api/rooms/den/members/{other.UserName}", null, HttpStatusCode.NotFound),
            (owner, HttpMethod.Delete, "/api/rooms/den/members/nobody-here-1", null, HttpStatusCode.NotFound),
            (owner, HttpMethod.Delete, "/api/rooms/den/members/bad name!", null, HttpStatusCode.BadRequest),
            (owner, HttpMethod.Post, "/api/rooms/den/members", new { userName = "x" }, HttpStatusCode.BadRequest),
            (owner, HttpMethod.Patch, "/api/rooms/den", new { name = "  " }, HttpStatusCode.BadRequest),
            (owner, HttpMethod.Patch, "/api/rooms/den", new { name = new string('n', 101) }, HttpStatusCode.BadRequest),
            (owner, HttpMethod.Get, "/api/rooms/no-such/members", null, HttpStatusCode.NotFound),
            (owner, HttpMethod.Patch, "/api/rooms/Bad_Id", new { name = "x" }, HttpStatusCode.NotFound),
            (owner, HttpMethod.Delete, "/api/rooms/no-such", null, HttpStatusCode.NotFound),
        };
        foreach (var (who, method, path, body, expected) in refusals)
        {
            var response = await client.SendAsync(who.Authorized(method, path, body));
            Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.DoesNotContain("   at ", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        // The refusals changed nothing.
        Assert.Contains(await MembersAsync(client, owner, "den"), m => m.UserName == member.UserName);
        Assert.Contains(await MembersAsync(client, owner, "square"), m => m.UserName == member.UserName);
        Assert.Equal("den", (await RoomsAsync(client, owner)).Single(r => r.RoomId == "den").Name);

        var left = await client.SendAsync(member.Authorized(HttpMethod.Delete, $"/api/rooms/den/members/{member.UserName}"));
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.DoesNotContain("den", await RoomIdsAsync(client, member));
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task RenameAndDelete_ByTheOwner(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(client);
        await CreateAsync(client, owner, "plans", isPrivate: false);

        var renamed = await client.SendAsync(owner.Authorized(HttpMethod.Patch, "/api/rooms/plans", new { name = "  Big plans " }));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Big plans", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal("Big plans", (await RoomsAsync(client, owner)).Single(r => r.RoomId == "plans").Name);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(owner.Authorized(HttpMethod.Delete, "/api/rooms/plans"))).StatusCode);
        Assert.DoesNotContain("plans", await RoomIdsAsync(client, owner));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(owner.Authorized(HttpMethod.Get, "/api/rooms/plans/members"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(owner.Authorized(HttpMethod.Delete, "/api/rooms/plans"))).StatusCode);
        // Nothing was ever said in it, so its id is free again.
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "plans", name = "Again", isPrivate = false }))).StatusCode);
    }

    [Fact]
    public async Task Endpoints_WithoutAToken_Are401()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/rooms/lobby/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/rooms/lobby")).StatusCode);
    }

    internal static async Task CreateAsync(HttpClient client, TestUser owner, string roomId, bool isPrivate) =>
        (await client.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId, name = roomId, isPrivate }))).EnsureSuccessStatusCode();

    private static async Task<(string UserName, string DisplayName, bool IsOwner)[]> MembersAsync(HttpClient client, TestUser user, string roomId)
    {
        var response = await client.SendAsync(user.Authorized(HttpMethod.Get, $"/api/rooms/{roomId}/members"));
        response.EnsureSuccessStatusCode();
        var members = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. members.EnumerateArray().Select(m => (m.GetProperty("userName").GetString()!, m.GetProperty("displayName").GetString()!, m.GetProperty("isOwner").GetBoolean()))];
    }

    private static async Task<(string RoomId, string Name)[]> RoomsAsync(HttpClient client, TestUser user)
    {
        var response = await client.SendAsync(user.Authorized(HttpMethod.Get, "/api/rooms"));
        response.EnsureSuccessStatusCode();
        var rooms = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. rooms.EnumerateArray().Select(r => (r.GetProperty("roomId").GetString()!, r.GetProperty("name").GetString()!))];
    }

    private static async Task<string[]> RoomIdsAsync(HttpClient client, TestUser user) =>
        [.. (await RoomsAsync(client, user)).Select(r => r.RoomId)];
}
