using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.ScaleOut;

/// <summary>
/// The SignalR Redis backplane serves the public hub only: with Redis gone, Blazor circuits keep working
/// (the plain AddStackExchangeRedis() would have put them on Redis too, and they would die with it). Room pages say
/// they are reconnecting, and come back by themselves, without a reload, when Redis does.
/// </summary>
public sealed class RedisOutageCircuitTests
{
    [Fact]
    public async Task RedisDown_PagesStayInteractive_RoomsSayReconnecting_AndRecoverWhenRedisIsBack()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        await using var app = await AppInstance.StartAsync(new AppInstanceOptions { Postgres = database.ConnectionString, Redis = redis.ConnectionString });
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(app.BaseUrl, async scenario =>
        {
            var alice = await scenario.NewUserAsync();
            await alice.RegisterAsync();
            var bob = await scenario.NewUserAsync();
            await bob.RegisterAsync();
            var openRoom = Names.Room();
            await alice.Rooms.GotoAsync();
            await alice.Rooms.CreateRoomAsync(openRoom, $"Open {openRoom}", isPrivate: false);
            var bobsRoom = await RoomPage.OpenAsync(bob.Page, openRoom, $"Open {openRoom}");

            redis.Kill();

            // A page that was live says so at once, and keeps its content.
            await Expect(bob.Page.GetByTestId("room-reconnecting")).ToContainTextAsync("Reconnecting");
            await Expect(bob.Page.Locator("[data-testid=room][data-live=false]")).ToBeVisibleAsync();

            // A fresh page load builds a new circuit while Redis is down...
            await alice.Rooms.GotoAsync();
            var roomId = Names.Room();
            // ...and it is interactive: creating a room runs in the circuit and navigates within it.
            await alice.Rooms.CreateRoomAsync(roomId, $"Outage {roomId}", isPrivate: false);
            await Expect(alice.Page).ToHaveURLAsync(new Regex($"/rooms/{roomId}$"));
            await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = $"Outage {roomId}", Level = 1 })).ToBeVisibleAsync();
            // The room needs Redis to go live; it says so instead of breaking the page, and keeps trying.
            await Expect(alice.Page.GetByTestId("room-reconnecting")).ToContainTextAsync("Reconnecting");
            await Expect(alice.Page.GetByTestId("instance")).ToBeVisibleAsync();

            // Redis comes back (empty, the harder case): both pages go live by themselves and work.
            await redis.RestartEmptyAsync();
            await Expect(alice.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(bob.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(alice.Page.GetByTestId("room-reconnecting")).ToHaveCountAsync(0);
            var alicesRoom = new RoomPage(alice.Page);
            await alicesRoom.SendAsync("back again");
            await Expect(alicesRoom.ChatMessages.Filter(new() { HasText = "back again" })).ToHaveCountAsync(1);
            await bobsRoom.SendAsync("bob is back");
            await Expect(bobsRoom.ChatMessages.Filter(new() { HasText = "bob is back" })).ToHaveCountAsync(1);
        }, nameof(RedisDown_PagesStayInteractive_RoomsSayReconnecting_AndRecoverWhenRedisIsBack));
    }
}
