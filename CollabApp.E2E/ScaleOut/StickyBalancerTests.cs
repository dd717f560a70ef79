using CollabApp.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.ScaleOut;

/// <summary>nginx in front of three scaled instances: each browser stays on one instance across reloads.</summary>
public sealed class StickyBalancerTests
{
    [Fact]
    public async Task ThroughNginx_ABrowserKeepsItsInstance_AcrossReloads_AndUsesTheRoom()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["Collab__Auth__SigningKey"] = "sticky-test-signing-key-" + Guid.NewGuid().ToString("N") },
        };
        await using var a = await AppInstance.StartAsync(options with { InstanceId = "a" });
        await using var b = await AppInstance.StartAsync(options with { InstanceId = "b" });
        await using var c = await AppInstance.StartAsync(options with { InstanceId = "c" });
        await using var balancer = await NginxBalancer.StartAsync([a.Port, b.Port, c.Port]);
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(balancer.BaseUrl, async scenario =>
        {
            var carol = await scenario.NewUserAsync();
            await carol.RegisterAsync();
            var footer = carol.Page.GetByTestId("instance");
            var first = await footer.TextContentAsync();
            Assert.Matches("^Instance [abc]$", first);
            for (var i = 0; i < 5; i++)
            {
                await carol.Page.ReloadAsync();
                await Expect(footer).ToHaveTextAsync(first!);
            }
            var room = await Pages.RoomPage.OpenAsync(carol.Page, "lobby", "Lobby");
            await room.SendAsync("through the balancer");
            await Expect(room.ChatMessages.Filter(new() { HasText = "through the balancer" })).ToHaveCountAsync(1);
            await Expect(room.ChatMessages.Filter(new() { HasText = "through the balancer" })).ToHaveAttributeAsync("data-pending", "false");
            await Expect(footer).ToHaveTextAsync(first!);
        }, nameof(ThroughNginx_ABrowserKeepsItsInstance_AcrossReloads_AndUsesTheRoom));
    }
}
