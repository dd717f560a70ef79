using System.Globalization;
using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Rooms;

/// <summary>Room pages release their subscriptions when they close: opening and closing 50 leaves nothing behind.</summary>
public sealed partial class LeakTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task OpeningAndClosingFiftyRoomPages_ReturnsTheSubscriberCountToItsStart() => await fixture.RunAsync(async scenario =>
    {
        await fixture.StartAsync();
        using var http = new HttpClient { BaseAddress = fixture.App.BaseUrl };
        var alice = await scenario.NewUserAsync();
        await alice.RegisterAsync();
        await alice.Rooms.GotoAsync();
        var start = await SubscribersAsync(http);

        await Interactivity.WaitAsync(alice.Page);
        var live = alice.Page.Locator("[data-testid=room][data-live=true]");
        for (var i = 0; i < 50; i++)
        {
            await Interactivity.NavigateInCircuitAsync(alice.Page, "/rooms/lobby");
            await Expect(alice.Page).ToHaveURLAsync(new Regex("/rooms/lobby$"), new() { Timeout = 5000 });
            await Expect(live).ToBeVisibleAsync();
            // Leaving the room page (to the room list) disposes it, in the same circuit.
            await Interactivity.NavigateInCircuitAsync(alice.Page, "/rooms");
            await Expect(alice.Page).ToHaveURLAsync(new Regex("/rooms$"));
            try
            {
                await Expect(live).ToHaveCountAsync(0);
            }
            catch (Microsoft.Playwright.PlaywrightException e)
            {
                throw new InvalidOperationException($"iteration {i}: the room view is still shown at {alice.Page.Url}", e);
            }
        }

        await Eventually.UntilAsync(() => SubscribersAsync(http), count => count == start, "the subscriber count back at its start");
    });

    private static async Task<int> SubscribersAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var match = SubscribersLine().Match(text);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^collab_room_subscribers(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex SubscribersLine();
}
