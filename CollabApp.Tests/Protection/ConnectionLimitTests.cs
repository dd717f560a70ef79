using System.Net;
using CollabApp.Protection;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Protection;

/// <summary>Issue 11, deliverable 2, with the default limits: no spelling of a new connection escapes its count.</summary>
public sealed class ConnectionLimitTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int DefaultConnectionsPerMinute = 100;
    private const int DefaultConnectionsPerUser = 20;

    [Fact]
    public async Task SideDoorSpellings_AreCounted_AsNewConnections()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var http = app.CreateClient();
        var user = await TestUsers.RegisterAsync(http);
        string[] sideDoors = ["/hubs/collab/negotiate/?negotiateVersion=1", "/hubs/collab/?id=", "/hubs/collab?id=", "/HUBS//collab/negotiate?negotiateVersion=1"];
        // Connected before the attack, from the same address: its open connection is not a new one, so it keeps working.
        var (client, bob) = await Bystander.JoinChattingAsync(app, http);
        await using var bobsConnection = client;
        var baseline = await bob.MeasureAsync(5);

        // Only side doors, a few more than the limit: the front door is then shut, and so is every side door. The bucket
        // refills a token every 0.6 s and the knocks leave a fraction of one, so on a loaded machine one of the asks after
        // them may find a whole token: never two (they are back to back, inside the attack), and the front door is asked
        // twice, so at least one of those is refused.
        var (during, afterwards) = await bob.WhileAsync(KnockThenTryEveryDoorAsync(http, user, sideDoors, DefaultConnectionsPerMinute + 10));

        Assert.InRange(afterwards.Count(door => door.Status != HttpStatusCode.TooManyRequests), 0, 1);
        Assert.Contains(afterwards.Take(2), front => front.Status == HttpStatusCode.TooManyRequests && front.RetryAfter == "60");
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
    }

    // The knocks, then the front door twice and each side door once more: their statuses (and Retry-After), front door first.
    private static async Task<List<(HttpStatusCode Status, string? RetryAfter)>> KnockThenTryEveryDoorAsync(HttpClient http, TestUser user, string[] sideDoors, int knocks)
    {
        for (var i = 0; i < knocks; i++)
        {
            using var _ = await SendAsync(http, user, sideDoors[i % sideDoors.Length]);
        }
        var afterwards = new List<(HttpStatusCode, string?)>();
        const string FrontDoor = "/hubs/collab/negotiate?negotiateVersion=1";
        foreach (var path in sideDoors.Prepend(FrontDoor).Prepend(FrontDoor))
        {
            using var response = await SendAsync(http, user, path);
            afterwards.Add((response.StatusCode, response.Headers.RetryAfter?.ToString()));
        }
        return afterwards;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, TestUser user, string path) =>
        http.SendAsync(user.Authorized(path.Contains("negotiate", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path));

    [Theory]
    [InlineData("/hubs/collab/negotiate", "POST", NewConnectionKind.Hub)]
    [InlineData("/hubs/collab/negotiate/", "POST", NewConnectionKind.Hub)]
    [InlineData("/Hubs/Collab//", "GET", NewConnectionKind.Hub)]
    [InlineData("/hubs/collab?id=", "GET", NewConnectionKind.Hub)]
    [InlineData("/hubs/collab?id=%20", "GET", NewConnectionKind.Hub)]
    [InlineData("/hubs/collab?id=a&id=b", "GET", NewConnectionKind.Hub)]
    [InlineData("/hubs/collab?id=abc", "GET", NewConnectionKind.None)]
    [InlineData("/hubs/collab?id=abc", "POST", NewConnectionKind.None)]
    [InlineData("/hubs/collaborate", "GET", NewConnectionKind.None)]
    [InlineData("/_blazor/negotiate", "POST", NewConnectionKind.Circuit)]
    [InlineData("/_BLAZOR/", "GET", NewConnectionKind.Circuit)]
    [InlineData("/_blazor?id=abc", "POST", NewConnectionKind.None)]
    public void EverySpelling_IsClassified(string url, string method, NewConnectionKind expected)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var uri = new Uri("http://x" + url);
        context.Request.Method = method;
        context.Request.Path = Uri.UnescapeDataString(uri.AbsolutePath);
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(uri.Query);

        Assert.Equal(expected, NewConnectionRequest.Classify(context.Request));
    }

    [Fact]
    public async Task NewCircuits_PerAddress_AreLimited()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var http = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < DefaultConnectionsPerMinute + 10; i++)
        {
            using var response = await http.PostAsync(i % 2 == 0 ? "/_blazor/negotiate?negotiateVersion=1" : "/_blazor/negotiate/?negotiateVersion=1", null);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), DefaultConnectionsPerMinute, DefaultConnectionsPerMinute + 9);
    }

    [Fact]
    public async Task OpenConnections_PerUser_AreCapped_AcrossInstances_AndFreedOnClose()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, instances: 2);
        var mallory = await room.RegisterAsync();
        var clients = new List<HubClient>();
        for (var i = 0; i < DefaultConnectionsPerUser; i++)
        {
            clients.Add(await room.ConnectAsync(mallory, instance: i % 2));
        }

        foreach (var instance in new[] { 0, 1 })
        {
            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => room.ConnectAsync(mallory, instance));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        // Others are not affected, and the open connections still work.
        var bob = await room.JoinAsync(await room.RegisterAsync());
        await clients[0].InvokeAsync<System.Text.Json.JsonElement>("JoinRoom", "lobby", null);

        await clients[^1].DisposeAsync();
        HubClient? again = null;
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                again = await HubClient.ConnectAsync(room.App.Instances[0].BaseAddress, mallory);
                return true;
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return false;
            }
        }, "a slot freed by a closed connection");
        await again!.DisposeAsync();
        Assert.NotNull(bob);
    }

    [Fact]
    public async Task OpenCircuits_PerUser_AreCapped()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var http = app.CreateClient();
        var user = await TestUsers.RegisterAsync(http);
        var caps = app.First.Get<UserConnectionCaps>();
        for (var i = 0; i < DefaultConnectionsPerUser; i++)
        {
            Assert.True(await caps.TryOpenAsync(UserConnectionCaps.Circuits, user.UserId, "circuit-" + i, DefaultConnectionsPerUser, CancellationToken.None));
        }

        using var refused = await http.SendAsync(user.Authorized(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.False(await caps.TryOpenAsync(UserConnectionCaps.Circuits, user.UserId, "one-more", DefaultConnectionsPerUser, CancellationToken.None));

        await caps.CloseAsync(UserConnectionCaps.Circuits, user.UserId, "circuit-0");
        using var allowed = await http.SendAsync(user.Authorized(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task RoomsJoinedPerConnection_AreCapped_AndARefusedJoinChangesNothing()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?> { ["Collab:Limits:MaxJoinedRoomsPerConnection"] = "2" });
        var owner = await room.RegisterAsync();
        await room.CreateRoomAsync(owner, "r-two", isPrivate: false);
        await room.CreateRoomAsync(owner, "r-three", isPrivate: false);
        var client = await room.ConnectAsync(owner);
        await client.InvokeAsync<System.Text.Json.JsonElement>("JoinRoom", "lobby", null);
        await client.InvokeAsync<System.Text.Json.JsonElement>("JoinRoom", "r-two", null);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => client.InvokeAsync<System.Text.Json.JsonElement>("JoinRoom", "r-three", null));
        Assert.Contains("forbidden: ", refused.Message, StringComparison.Ordinal);
        var online = await client.InvokeAsync<System.Text.Json.JsonElement[]>("GetOnline", "r-three");
        Assert.Empty(online);

        await client.InvokeAsync("LeaveRoom", "r-two");
        await client.InvokeAsync<System.Text.Json.JsonElement>("JoinRoom", "r-three", null);
    }
}
