using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.ScaleOut;

/// <summary>
/// The SignalR Redis backplane serves the public hub only: with Redis gone, Blazor circuits keep working
/// (the plain AddStackExchangeRedis() would have put them on Redis too, and they would die with it).
/// </summary>
public sealed class RedisOutageCircuitTests
{
    [Fact]
    public async Task RedisDown_PagesStayInteractive_AndTheRoomSaysWhatIsWrong()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        await using var app = await AppInstance.StartAsync(new AppInstanceOptions { Postgres = database.ConnectionString, Redis = redis.ConnectionString });
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(app.BaseUrl, async scenario =>
        {
            var alice = await scenario.NewUserAsync();
            await alice.RegisterAsync();
            await alice.Rooms.GotoAsync();

            redis.Kill();

            // A fresh page load builds a new circuit while Redis is down...
            await alice.Rooms.GotoAsync();
            var roomId = Names.Room();
            // ...and it is interactive: creating a room runs in the circuit and navigates within it.
            await alice.Rooms.CreateRoomAsync(roomId, $"Outage {roomId}", isPrivate: false);
            await Expect(alice.Page).ToHaveURLAsync(new Regex($"/rooms/{roomId}$"));
            await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = $"Outage {roomId}", Level = 1 })).ToBeVisibleAsync();
            // The room needs Redis to go live; it says so instead of breaking the page.
            await Expect(alice.Page.GetByText("Could not join the room")).ToBeVisibleAsync();
            await Expect(alice.Page.GetByTestId("instance")).ToBeVisibleAsync();
        }, nameof(RedisDown_PagesStayInteractive_AndTheRoomSaysWhatIsWrong));
    }
}
