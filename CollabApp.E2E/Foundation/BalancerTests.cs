using CollabApp.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Foundation;

/// <summary>The nginx template in front of the app: pages, the Blazor circuit's WebSocket and the sticky cookie.</summary>
public sealed class BalancerTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Balancer_ProxiesPagesAndCircuits_AndSetsStickyCookie()
    {
        await fixture.StartAsync();
        await using var balancer = await NginxBalancer.StartAsync([fixture.App.Port]);
        await fixture.Browsers.RunAsync(balancer.BaseUrl, async scenario =>
        {
            await Journeys.RegisterSignOutSignInOpenLobbyAsync(scenario);
            var user = await scenario.NewUserAsync();
            await user.Page.GotoAsync("/account/login");
            var cookies = await user.Context.CookiesAsync();
            Assert.Contains(cookies, c => c.Name == "collab_node" && c.Value.Length == 32);
            await Expect(user.Page.GetByTestId("instance")).ToHaveTextAsync($"Instance {fixture.App.InstanceId}");
        }, nameof(Balancer_ProxiesPagesAndCircuits_AndSetsStickyCookie));
    }
}
