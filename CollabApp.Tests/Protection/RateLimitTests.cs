using System.Net;
using System.Text.Json;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Protection;

public sealed class RateLimitTests
{
    [Fact]
    public async Task HubCalls_OverTheBurst_AreRateLimited_DoNothing_AndRecover()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Collab:Limits:CallsPerSecond"] = "2",
            ["Collab:Limits:CallBurst"] = "3",
        });
        var alice = await room.ConnectAsync(await room.RegisterAsync());
        var results = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            try
            {
                await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), $"m{i}");
                results.Add("ok");
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("rate-limited: ", StringComparison.Ordinal))
            {
                results.Add("limited");
            }
        }

        Assert.Equal(3, results.Count(r => r == "ok"));
        Assert.Contains("limited", results);
        var stored = await Eventually.RetryRefusedAsync("rate-limited", () => alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 100));
        Assert.Equal(3, stored.Length);
    }

    [Theory]
    [InlineData(AppMode.Embedded, 1)]
    [InlineData(AppMode.Scaled, 2)]
    public async Task NewConnections_PerIp_ShareOneLimit_AcrossInstances(AppMode mode, int instances)
    {
        await using var app = await TestApp.StartAsync(mode, instances, new Dictionary<string, string?> { ["Collab:Limits:ConnectionsPerMinute"] = "4" });
        using var http = app.CreateClient();
        var user = await TestUsers.RegisterAsync(http);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = app.CreateClient(i % instances);
            var response = await client.SendAsync(user.Authorized(HttpMethod.Post, "/hubs/collab/negotiate?negotiateVersion=1"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
