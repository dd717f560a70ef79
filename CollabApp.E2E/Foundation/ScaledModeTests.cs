using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Foundation;

/// <summary>
/// The app on a fresh PostgreSQL database and a private Redis (each test starts its own instances, so a
/// class fixture cannot fail every test of the class when the mode does not start).
/// </summary>
public sealed partial class ScaledModeTests
{
    [Fact]
    public async Task Scaled_RegisterSignOutSignIn_ReachesLobby()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        await using var app = await AppInstance.StartAsync(new AppInstanceOptions { Postgres = database.ConnectionString, Redis = redis.ConnectionString });
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(app.BaseUrl, Journeys.RegisterSignOutSignInOpenLobbyAsync, nameof(Scaled_RegisterSignOutSignIn_ReachesLobby));
    }

    /// <summary>
    /// Two instances on one database: a sign-in cookie issued by one is accepted by the other (shared
    /// data-protection keys), and the room created on one is listed by the other. Cookies ignore the port,
    /// so one browser context talks to both 127.0.0.1 instances.
    /// </summary>
    [Fact]
    public async Task Scaled_TwoInstances_ShareAccountsAndRooms()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["Collab__Auth__SigningKey"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()) },
        };
        // One after the other: both would otherwise migrate the empty database at once.
        await using var first = await AppInstance.StartAsync(options with { InstanceId = "e2e-a" });
        await using var second = await AppInstance.StartAsync(options with { InstanceId = "e2e-b" });
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(first.BaseUrl, async scenario =>
        {
            var alice = await scenario.NewUserAsync();
            await alice.RegisterAsync();
            var roomId = Names.Room();
            await alice.Rooms.GotoAsync();
            await alice.Rooms.CreateRoomAsync(roomId, $"Shared {roomId}", isPrivate: false);

            await alice.Page.GotoAsync(new Uri(second.BaseUrl, "rooms").ToString());
            await Expect(alice.Page.GetByTestId("instance")).ToHaveTextAsync("Instance e2e-b");
            await Pages.Interactivity.WaitAsync(alice.Page);
            await alice.Rooms.Link($"Shared {roomId}").ClickAsync();
            await Expect(alice.Page).ToHaveURLAsync(new Regex($"/rooms/{roomId}$"));
            await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = $"Shared {roomId}", Level = 1 })).ToBeVisibleAsync();
        }, nameof(Scaled_TwoInstances_ShareAccountsAndRooms));
    }
}
