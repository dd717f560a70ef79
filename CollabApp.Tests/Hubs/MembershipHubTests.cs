using System.Net;
using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// Member changes reach hub clients as events on every instance, and a removal or deletion takes effect at once: the
/// member's connection on another instance (whose rights check remembered the membership) is refused its next call.
/// </summary>
public sealed class MembershipHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded, 1)]
    [InlineData(AppMode.Scaled, 2)]
    public async Task RemovedMember_OnAnotherInstance_GetsTheEvent_ThenNothing_AndForbidden(AppMode mode, int instances)
    {
        await using var room = await HubTestRoom.StartAsync(mode, instances);
        var owner = await room.RegisterAsync();
        var member = await room.RegisterAsync();
        await room.CreateRoomAsync(owner, "team", isPrivate: true);
        await AddAsync(room, owner, member, "team");
        var ownerClient = await room.JoinAsync(owner, "team", instance: 0);
        var memberClient = await room.JoinAsync(member, "team", instance: instances - 1);
        // The member's instance now remembers the membership.
        await memberClient.InvokeAsync<JsonElement>("SendMessage", "team", Guid.NewGuid().ToString(), "hello");

        var removed = await room.Http.SendAsync(owner.Authorized(HttpMethod.Delete, $"/api/rooms/team/members/{member.UserName}"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        foreach (var client in new[] { ownerClient, memberClient })
        {
            var events = await client.WaitForAsync("memberRemoved", d => d.GetProperty("userId").GetString() == member.UserId, "the removal");
            var removal = events.Single(e => e.GetProperty("type").GetString() == "memberRemoved");
            Assert.Equal("team", removal.GetProperty("roomId").GetString());
            Assert.Equal(JsonValueKind.Null, removal.GetProperty("eventId").ValueKind);
            Assert.Equal(member.UserName, removal.GetProperty("data").GetProperty("userName").GetString());
            Assert.Equal("Name " + member.UserName, removal.GetProperty("data").GetProperty("displayName").GetString());
        }
        await HubErrors.AssertRefusedAsync("forbidden", () => memberClient.InvokeAsync<JsonElement>("SendMessage", "team", Guid.NewGuid().ToString(), "still here?"));
        await HubErrors.AssertRefusedAsync("forbidden", () => memberClient.InvokeAsync<JsonElement>("JoinRoom", "team", null));

        await ownerClient.InvokeAsync<JsonElement>("SendMessage", "team", Guid.NewGuid().ToString(), "after");
        await ownerClient.WaitForAsync("message", d => d.GetProperty("text").GetString() == "after", "the owner's own message");
        // The owner's message went out on every instance once the owner got it back; one more round trip on the member's
        // instance (its own lobby message) proves its pumps ran past it.
        await memberClient.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        await memberClient.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "elsewhere");
        await memberClient.WaitForAsync("message", d => d.GetProperty("text").GetString() == "elsewhere", "its lobby message");
        Assert.DoesNotContain(memberClient.OfType("message"), e => e.GetProperty("data").GetProperty("text").GetString() == "after");
        var online = await ownerClient.InvokeAsync<JsonElement[]>("GetOnline", "team");
        Assert.DoesNotContain(online, e => e.GetProperty("userId").GetString() == member.UserId);
    }

    [Fact]
    public async Task AddRenameDelete_ReachEveryInstance_ThenTheRoomIsNotFound_AndItsIdStaysTaken()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, instances: 2);
        var owner = await room.RegisterAsync();
        var member = await room.RegisterAsync();
        var newcomer = await room.RegisterAsync();
        await room.CreateRoomAsync(owner, "crew", isPrivate: true);
        await AddAsync(room, owner, member, "crew");
        var ownerClient = await room.JoinAsync(owner, "crew", instance: 0);
        var memberClient = await room.JoinAsync(member, "crew", instance: 1);

        await AddAsync(room, owner, newcomer, "crew");
        await memberClient.WaitForAsync("memberAdded", d => d.GetProperty("userName").GetString() == newcomer.UserName, "the newcomer");

        var renamed = await room.Http.SendAsync(owner.Authorized(HttpMethod.Patch, "/api/rooms/crew", new { name = "The crew" }));
        renamed.EnsureSuccessStatusCode();
        await memberClient.WaitForAsync("roomRenamed", d => d.GetProperty("name").GetString() == "The crew", "the new name");
        var rejoined = await memberClient.InvokeAsync<JsonElement>("JoinRoom", "crew", null);
        Assert.Equal("The crew", rejoined.GetProperty("state").GetProperty("name").GetString());

        await memberClient.InvokeAsync<JsonElement>("SendMessage", "crew", Guid.NewGuid().ToString(), "history");
        (await room.Http.SendAsync(owner.Authorized(HttpMethod.Delete, "/api/rooms/crew"))).EnsureSuccessStatusCode();
        foreach (var client in new[] { ownerClient, memberClient })
        {
            await client.WaitForAsync("roomDeleted", d => d.GetProperty("roomId").GetString() == "crew", "the deletion");
            await HubErrors.AssertRefusedAsync("not-found", () => client.InvokeAsync<JsonElement>("SendMessage", "crew", Guid.NewGuid().ToString(), "gone?"));
        }
        var recreated = await room.Http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "crew", name = "New", isPrivate = false }));
        Assert.Equal(HttpStatusCode.Conflict, recreated.StatusCode);
    }

    private static async Task AddAsync(HubTestRoom room, TestUser owner, TestUser member, string roomId) =>
        (await room.Http.SendAsync(owner.Authorized(HttpMethod.Post, $"/api/rooms/{roomId}/members", new { userName = member.UserName }))).EnsureSuccessStatusCode();
}
