using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using CollabApp.E2E.Rooms;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.ScaleOut;

/// <summary>Alice's browser on one instance, Bob's on another, both behind nginx: the room is one room.</summary>
public sealed class CrossInstanceRoomTests
{
    private static readonly Microsoft.Playwright.KeyboardTypeOptions Typing = new() { Delay = 40 };

    [Fact]
    public async Task TwoBrowsersOnTwoInstances_ShareChatPresenceTodosAndTheDocument()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["Collab__Auth__SigningKey"] = "cross-instance-signing-key-" + Guid.NewGuid().ToString("N") },
        };
        await using var a = await AppInstance.StartAsync(options with { InstanceId = "a" });
        await using var b = await AppInstance.StartAsync(options with { InstanceId = "b" });
        await using var balancer = await NginxBalancer.StartAsync([a.Port, b.Port]);
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(balancer.BaseUrl, async scenario =>
        {
            var aliceUser = await scenario.NewUserAsync();
            var bobUser = await scenario.NewUserAsync();
            var (roomId, roomName, pages) = await RoomScenarios.EveryoneInNewRoomAsync(aliceUser);
            await bobUser.RegisterAsync();
            var aliceInstance = await aliceUser.Page.GetByTestId("instance").TextContentAsync();
            await StickyInstance.MoveOffAsync(bobUser, aliceInstance!);
            var bob = await bobUser.OpenRoomAsync(roomId, roomName);
            var alice = pages[0];
            await Expect(alice.Page.GetByTestId("instance")).ToHaveTextAsync(aliceInstance!);
            await Expect(bob.Page.GetByTestId("instance")).Not.ToHaveTextAsync(aliceInstance!);

            await Expect(alice.PresenceEntry(bobUser.Name)).ToBeVisibleAsync();
            await Expect(bob.PresenceEntry(aliceUser.Name)).ToBeVisibleAsync();
            // People are shown by their display names (chosen at registration), not their user names.
            await Expect(alice.PresenceEntry(bobUser.Name)).ToContainTextAsync($"Display {bobUser.Name}");

            await alice.SendAsync("from instance a");
            // Confirmed means committed in the room's order: Bob's message, sent after, comes after it. Sent at
            // once, the two instances' commits race and the order the test expects is a coin toss.
            await Expect(alice.ChatMessages.Filter(new() { HasText = "from instance a" })).ToHaveAttributeAsync("data-pending", "false");
            await bob.SendAsync("from instance b");
            string[] both = ["from instance a", "from instance b"];
            await Expect(alice.ChatMessages).ToContainTextAsync(both);
            await Expect(bob.ChatMessages).ToContainTextAsync(both);

            await alice.AddTodoAsync("Across instances");
            await Expect(bob.TodoCheckbox("Across instances")).ToBeVisibleAsync();
            await bob.TodoCheckbox("Across instances").CheckAsync();
            await Expect(alice.TodoCheckbox("Across instances")).ToBeCheckedAsync();

            // Both type at once, at the two ends of the document.
            await Expect(alice.EditorStatus).ToBeVisibleAsync();
            await Expect(bob.EditorStatus).ToBeVisibleAsync();
            await alice.Document.ClickAsync();
            await alice.Page.Keyboard.TypeAsync("middle", Typing);
            await Expect(bob.Document).ToHaveValueAsync("middle");
            await alice.Document.FocusAsync();
            await alice.Page.Keyboard.PressAsync("Control+Home");
            await bob.Document.FocusAsync();
            await bob.Page.Keyboard.PressAsync("Control+End");
            await Task.WhenAll(alice.Page.Keyboard.TypeAsync("A😀 ", Typing), bob.Page.Keyboard.TypeAsync(" 🎉B", Typing));
            await Expect(alice.Document).ToHaveValueAsync("A😀 middle 🎉B");
            await Expect(bob.Document).ToHaveValueAsync("A😀 middle 🎉B");
        }, nameof(TwoBrowsersOnTwoInstances_ShareChatPresenceTodosAndTheDocument));
    }
}
