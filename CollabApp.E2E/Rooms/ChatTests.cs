using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Rooms;

public sealed class ChatTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public Task Chat_TwoUsers_SeeEachOthersMessagesInOneOrder() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);

        await alice.SendAsync("hello from alice");
        await Expect(Message(bob, "hello from alice")).ToHaveCountAsync(1);
        await bob.SendAsync("hi alice, bob here");
        await Expect(Message(alice, "hi alice, bob here")).ToHaveCountAsync(1);

        string[] both = ["hello from alice", "hi alice, bob here"];
        await Expect(alice.ChatMessages).ToContainTextAsync(both);
        await Expect(bob.ChatMessages).ToContainTextAsync(both);
        // The server writes each message's instant; the browser says how long ago it was (relative-time.mjs).
        await Expect(Message(bob, "hello from alice").Locator("time[data-relative]")).ToHaveTextAsync("just now");
        await Expect(Message(alice, "hi alice, bob here").Locator("time[data-relative]")).ToHaveTextAsync("just now");
    });

    [Fact]
    public Task Chat_UnsentMessage_SurvivesAReload_AndGoesOnceSent() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        await alice.MessageBox.FillAsync("half a thought");
        // Kept by the tab as it is typed (a reload in the page's first instant, before its scripts ran, keeps nothing).
        var roomId = new Uri(alice.Page.Url).Segments[^1];
        await alice.Page.WaitForFunctionAsync("room => sessionStorage.getItem('collab.chat.draft.' + room) === 'half a thought'", roomId);

        await alice.Page.ReloadAsync();
        await Expect(alice.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
        await Expect(alice.MessageBox).ToHaveValueAsync("half a thought");

        await alice.SendButton.ClickAsync();
        await Expect(Message(bob, "half a thought")).ToHaveCountAsync(1);
        await alice.Page.ReloadAsync();
        await Expect(alice.Page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
        await Expect(Message(alice, "half a thought")).ToHaveCountAsync(1);
        await Expect(alice.MessageBox).ToHaveValueAsync("");
    });

    [Fact]
    public Task Chat_MarkupInMessages_RendersAsText() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        var dialogs = new List<string>();
        foreach (var page in new[] { alice.Page, bob.Page })
        {
            page.Dialog += (_, dialog) =>
            {
                lock (dialogs)
                {
                    dialogs.Add(dialog.Message);
                }
                _ = dialog.DismissAsync();
            };
        }

        const string script = "<script>window.__xss = 'script'; alert('script')</script>";
        const string image = "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">";
        await alice.SendAsync(script);
        await alice.SendAsync(image);

        foreach (var room in new[] { alice, bob })
        {
            await Expect(Message(room, script)).ToHaveCountAsync(1);
            await Expect(Message(room, image)).ToHaveCountAsync(1);
            await Expect(room.Chat.Locator("script, img")).ToHaveCountAsync(0);
            Assert.Null(await room.Page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        }
        // A last message that both saw proves the markup messages had every chance to act.
        await bob.SendAsync("after the markup");
        await Expect(Message(alice, "after the markup")).ToHaveCountAsync(1);
        lock (dialogs)
        {
            Assert.Empty(dialogs);
        }
    });

    private static ILocator Message(RoomPage room, string text) =>
        room.ChatMessages.Filter(new LocatorFilterOptions { HasText = text });
}
