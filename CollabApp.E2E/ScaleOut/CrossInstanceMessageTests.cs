using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using CollabApp.E2E.Rooms;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.ScaleOut;

/// <summary>Editing, deleting and unread counts, with Alice's browser on one instance and Bob's on another.</summary>
public sealed class CrossInstanceMessageTests
{
    [Fact]
    public async Task EditsAndDeletions_ReachTheOtherInstance_AndTheRoomListCountsUnread()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["Collab__Auth__SigningKey"] = "message-tests-signing-key-" + Guid.NewGuid().ToString("N") },
        };
        await using var a = await AppInstance.StartAsync(options with { InstanceId = "a" });
        await using var b = await AppInstance.StartAsync(options with { InstanceId = "b" });
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(a.BaseUrl, async onA =>
        {
            await using var onB = new Scenario(browsers.Browser, b.BaseUrl);
            var aliceUser = await onA.NewUserAsync();
            var bobUser = await onB.NewUserAsync();
            var (roomId, roomName, pages) = await RoomScenarios.EveryoneInNewRoomAsync(aliceUser);
            await bobUser.RegisterAsync();
            var bob = await bobUser.OpenRoomAsync(roomId, roomName);
            var alice = pages[0];

            // Edit: Alice fixes a typo; Bob sees the new text, marked edited.
            await alice.SendAsync("helo team");
            await Expect(Message(bob, "helo team")).ToHaveCountAsync(1);
            await Expect(Message(bob, "helo team").GetByRole(AriaRole.Button, new() { Name = "Edit message", Exact = true })).ToHaveCountAsync(0);
            // A row below the edited one is left as it is (the log's rows have no keys: ChatPanel.Rows.cs): a mark put on
            // its element in the browser is still there after the edit.
            await alice.SendAsync("a line below the edit");
            var below = Message(alice, "a line below the edit");
            await Expect(below).ToHaveAttributeAsync("data-pending", "false");
            await below.EvaluateAsync("row => row.setAttribute('data-marked', 'yes')");
            await Message(alice, "helo team").GetByRole(AriaRole.Button, new() { Name = "Edit message", Exact = true }).ClickAsync();
            var box = alice.Chat.GetByRole(AriaRole.Textbox, new() { Name = "Edit message", Exact = true });
            await Expect(box).ToHaveValueAsync("helo team");
            await box.FillAsync("hello team, see https://example.com/notes");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Expect(Message(bob, "hello team")).ToContainTextAsync("(edited)");
            await Expect(Message(alice, "hello team")).ToContainTextAsync("(edited)");
            await Expect(below).ToHaveAttributeAsync("data-marked", "yes");
            await Expect(Message(bob, "helo team")).ToHaveCountAsync(0);
            var link = Message(bob, "hello team").GetByRole(AriaRole.Link, new() { Name = "https://example.com/notes", Exact = true });
            await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
            await Expect(link).ToHaveAttributeAsync("target", "_blank");

            // Delete: everyone sees "Message deleted", a reload included.
            await alice.SendAsync("wrong room, sorry");
            await Expect(Message(bob, "wrong room, sorry")).ToHaveCountAsync(1);
            await Message(alice, "wrong room, sorry").GetByRole(AriaRole.Button, new() { Name = "Delete message", Exact = true }).ClickAsync();
            await Expect(bob.Chat.GetByText("Message deleted", new() { Exact = true })).ToHaveCountAsync(1);
            await Expect(Message(bob, "wrong room, sorry")).ToHaveCountAsync(0);
            await bob.Page.ReloadAsync();
            await Expect(bob.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
            await Expect(bob.Chat.GetByText("Message deleted", new() { Exact = true })).ToHaveCountAsync(1);
            await Expect(bob.Chat).Not.ToContainTextAsync("wrong room");

            // Unread: Alice goes back to the room list; Bob posts twice; her list shows it.
            await aliceUser.Rooms.GotoAsync();
            var row = alice.Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = alice.Page.GetByRole(AriaRole.Link, new() { Name = roomName, Exact = true }) });
            await Expect(row.GetByTestId("room-unread")).ToHaveCountAsync(0);
            await bob.SendAsync("first while you were away");
            await bob.SendAsync("second while you were away");
            await Expect(Message(bob, "second while you were away")).ToHaveAttributeAsync("data-pending", "false");
            await aliceUser.Rooms.GotoAsync();
            await Expect(row.GetByTestId("room-unread")).ToHaveTextAsync("2 unread");
            // Bob is in the room; Alice's own page there has closed (its presence ends when the circuit goes).
            await Eventually.UntilAsync(
                async () =>
                {
                    await aliceUser.Rooms.GotoAsync();
                    return await row.GetByTestId("room-online").TextContentAsync();
                },
                online => online == "1 online",
                "the room list showing Bob online");

            // Entering puts the separator before the first unread message; once on screen they are read.
            await Interactivity.NavigateInCircuitAsync(alice.Page, $"/rooms/{roomId}");
            await Expect(alice.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
            var separator = alice.Page.GetByRole(AriaRole.Separator, new() { Name = "New messages", Exact = true });
            await Expect(separator).ToBeVisibleAsync();
            await Expect(alice.Chat.Locator("[data-testid=unread-separator] + article")).ToContainTextAsync("first while you were away");
            // The room stays open and on screen: polled through the API (Alice's cookie), the count drops to 0.
            await Eventually.UntilAsync(
                async () =>
                {
                    var response = await alice.Page.Context.APIRequest.GetAsync("/api/rooms");
                    var rooms = await response.JsonAsync();
                    return rooms!.Value.EnumerateArray().Single(r => r.GetProperty("roomId").GetString() == roomId).GetProperty("unread").GetInt32();
                },
                unread => unread == 0,
                "Alice's unread count back at 0 once she has seen the messages");
        }, nameof(EditsAndDeletions_ReachTheOtherInstance_AndTheRoomListCountsUnread));
    }

    private static ILocator Message(RoomPage page, string text) => page.ChatMessages.Filter(new() { HasText = text });
}
