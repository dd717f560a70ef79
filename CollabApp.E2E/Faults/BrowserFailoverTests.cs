using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Faults;

/// <summary>
/// A browser behind nginx loses its instance (SIGKILL) while it has editor typing and a to-do the server has not
/// confirmed: Redis is frozen (SIGSTOP) at that moment, so neither can have been ordered. The page comes back on the
/// other instance by itself, from what the tab kept, and both reach a second user, once.
/// </summary>
public sealed class BrowserFailoverTests
{
    private static readonly LocatorAssertionsToHaveValueOptions Recovery = new() { Timeout = 60_000 };

    [Fact]
    public async Task KillingTheBrowsersInstance_WithUnconfirmedTypingAndAPendingTodo_BothReachTheOtherUserOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["Collab__Auth__SigningKey"] = "failover-test-signing-key-" + Guid.NewGuid().ToString("N") },
        };
        var instances = new[]
        {
            await AppInstance.StartAsync(options with { InstanceId = "a" }),
            await AppInstance.StartAsync(options with { InstanceId = "b" }),
        };
        try
        {
            await using var balancer = await NginxBalancer.StartAsync(instances.Select(i => i.Port));
            await using var browsers = await Browsers.LaunchAsync();
            await browsers.RunAsync(balancer.BaseUrl, async scenario =>
            {
                var alice = await scenario.NewUserAsync();
                await alice.RegisterAsync();
                var footer = alice.Page.GetByTestId("instance");
                var shown = (await footer.TextContentAsync())?.Trim();
                var alicesInstance = instances.Single(i => $"Instance {i.InstanceId}" == shown);
                var survivor = instances.Single(i => i != alicesInstance);

                // Bob is on the instance that survives, directly.
                var bob = await scenario.NewUserAsync(baseUrl: survivor.BaseUrl);
                await bob.RegisterAsync();

                var roomId = Names.Room();
                await alice.Rooms.GotoAsync();
                await alice.Rooms.CreateRoomAsync(roomId, $"Failover {roomId}", isPrivate: false);
                await Expect(alice.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
                var alicesRoom = new RoomPage(alice.Page);
                var bobsRoom = await RoomPage.OpenAsync(bob.Page, roomId, $"Failover {roomId}");
                await alicesRoom.Document.ClickAsync();
                await alice.Page.Keyboard.TypeAsync("confirmed. ");
                await Expect(bobsRoom.Document).ToHaveValueAsync("confirmed. ");

                redis.Freeze();
                await alice.Page.Keyboard.TypeAsync("unconfirmed typing");
                await alicesRoom.NewTaskBox.FillAsync("pending task");
                await alicesRoom.AddButton.ClickAsync();
                await Expect(alicesRoom.EditorStatus).ToContainTextAsync("syncing");
                await Expect(alicesRoom.TodoItems.Filter(new() { HasText = "pending task" })).ToHaveAttributeAsync("data-pending", "true");
                await alice.Page.WaitForFunctionAsync(
                    "room => sessionStorage.getItem('collab.editor.pending.' + room) !== null && sessionStorage.getItem('collab.todos.pending.' + room) !== null",
                    roomId);

                alicesInstance.Kill();
                redis.Thaw();

                // Alice's page finds its circuit gone, reloads onto the survivor and sends what the tab kept.
                await Expect(footer).ToHaveTextAsync($"Instance {survivor.InstanceId}", new() { Timeout = 60_000 });
                await Expect(bobsRoom.Document).ToHaveValueAsync("confirmed. unconfirmed typing", Recovery);
                await Expect(alicesRoom.Document).ToHaveValueAsync("confirmed. unconfirmed typing", Recovery);
                await Expect(bobsRoom.TodoItems.Filter(new() { HasText = "pending task" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await Expect(alicesRoom.TodoItems.Filter(new() { HasText = "pending task" })).ToHaveAttributeAsync("data-pending", "false", new() { Timeout = 60_000 });
                await Expect(alicesRoom.EditorStatus).ToContainTextAsync("saved");
                Assert.True(await alice.Page.EvaluateAsync<bool>(
                    "room => sessionStorage.getItem('collab.editor.pending.' + room) === null && sessionStorage.getItem('collab.todos.pending.' + room) === null",
                    roomId));
                // Once: a reload of Bob's page reads the stored state, not just what reached him live.
                await bob.Page.ReloadAsync();
                await Expect(bob.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
                await Expect(bobsRoom.Document).ToHaveValueAsync("confirmed. unconfirmed typing");
                await Expect(bobsRoom.TodoItems.Filter(new() { HasText = "pending task" })).ToHaveCountAsync(1);
            }, nameof(KillingTheBrowsersInstance_WithUnconfirmedTypingAndAPendingTodo_BothReachTheOtherUserOnce));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
