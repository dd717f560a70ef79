using Microsoft.Extensions.DependencyInjection;
using Bunit;
using CollabApp.Components.Chat;
using CollabApp.Components.Rooms;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Tests.Components;

public class ChatPanelTests : RoomComponentTest
{
    private async Task<(IRenderedComponent<ChatPanel> Cut, RoomConnection Connection)> RenderChatAsync(CollabUser? user = null)
    {
        var connection = NewConnection();
        var cut = Render<ChatPanel>(p => p
            .Add(c => c.Connection, connection)
            .Add(c => c.Room, Lobby)
            .Add(c => c.User, user ?? Alice));
        await StartAsync(connection, user ?? Alice);
        return (cut, connection);
    }

    private Task<ChatMessage> SendAsAsync(CollabUser user, string text) =>
        Get<ChatService>().SendAsync(user, "lobby", Guid.NewGuid().ToString(), text, CancellationToken.None).WaitAsync(Wait);

    private static string[] Texts(IRenderedComponent<ChatPanel> cut) =>
        [.. cut.FindAll("[data-testid=chat-message] .collab-chat-text").Select(e => e.TextContent)];

    [Fact]
    public async Task Snapshot_ShowsMessagesOldestFirst_WithSenderInitialsAndTime()
    {
        await SendAsAsync(Bob, "first");
        await SendAsAsync(Alice, "second");

        var (cut, _) = await RenderChatAsync();

        cut.WaitForAssertion(() => Assert.Equal(["first", "second"], Texts(cut)), Wait);
        var log = cut.Find("[role=log]");
        Assert.Equal("Chat", log.GetAttribute("aria-label"));
        var first = cut.FindAll("[data-testid=chat-message]")[0];
        Assert.Contains("bob", first.TextContent);
        Assert.Contains("B", first.QuerySelector(".mud-avatar")!.TextContent);
        Assert.NotNull(first.QuerySelector("time[data-relative][datetime]"));
        Assert.Equal("false", first.GetAttribute("data-pending"));
        Assert.Equal("ARTICLE", first.TagName);
        Assert.Equal(["mud-avatar", "collab-chat-meta", "collab-chat-body"], first.Children.Select(c => c.ClassList[0]));
    }

    [Fact]
    public async Task Send_ShowsPendingAtOnce_ThenConfirmedOnce()
    {
        var (cut, _) = await RenderChatAsync();
        // Held before the append: once appended, the room's own event may confirm it before the send returns.
        EventLog.HoldAppends = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        cut.Find("input[aria-label=Message]").Input("hello there");
        Assert.Single(Buttons(cut, "Send")).Click();

        cut.WaitForAssertion(() =>
        {
            var message = Assert.Single(cut.FindAll("[data-testid=chat-message]"));
            Assert.Equal("true", message.GetAttribute("data-pending"));
        }, Wait);
        Assert.Equal("", cut.Find("input[aria-label=Message]").GetAttribute("value"));
        EventLog.HoldAppends.SetResult();
        EventLog.HoldAppends = null;
        cut.WaitForAssertion(() =>
        {
            var message = Assert.Single(cut.FindAll("[data-testid=chat-message]"));
            Assert.Equal("false", message.GetAttribute("data-pending"));
            Assert.Equal(["hello there"], Texts(cut));
        }, Wait);
    }

    [Fact]
    public async Task Enter_Sends()
    {
        var (cut, _) = await RenderChatAsync();

        cut.Find("input[aria-label=Message]").Input("via enter");
        cut.Find("input[aria-label=Message]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal(["via enter"], Texts(cut)), Wait);
        var stored = await Get<ChatService>().GetMessagesAsync(Alice, "lobby", null, 10, CancellationToken.None).WaitAsync(Wait);
        Assert.Single(stored);
    }

    [Fact]
    public async Task KeptDraft_ComesBackInTheMessageField_AndIsClearedWhenSent()
    {
        var kept = JSInterop.SetupModule(i => i.Identifier == "keep");
        kept.Setup<string?>("saved").SetResult("half-written");
        kept.SetupVoid("clear").SetVoidResult();

        var (cut, _) = await RenderChatAsync();

        cut.WaitForAssertion(() => Assert.Equal("half-written", cut.Find("input[aria-label=Message]").GetAttribute("value")), Wait);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "keep" && Equals(i.Arguments[1], "lobby"));
        cut.Find("input[aria-label=Message]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["half-written"], Texts(cut));
            Assert.Contains(kept.Invocations, i => i.Identifier == "clear");
        }, Wait);
    }

    [Fact]
    public async Task ABrowserThatDoesNotAnswerTheDraftsClear_DoesNotHoldBackTheMessage()
    {
        var kept = JSInterop.SetupModule(i => i.Identifier == "keep");
        kept.Setup<string?>("saved").SetResult("");
        kept.SetupVoid("clear");
        var (cut, _) = await RenderChatAsync();
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "keep"), Wait);

        cut.Find("input[aria-label=Message]").Input("not held back");
        cut.Find("input[aria-label=Message]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal("false", Assert.Single(cut.FindAll("[data-testid=chat-message]")).GetAttribute("data-pending")), Wait);
        var stored = await Get<ChatService>().GetMessagesAsync(Alice, "lobby", null, 10, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal("not held back", Assert.Single(stored).Text);
    }

    [Fact]
    public async Task ADraftClearTheBrowserFails_EndsNothing_AndTheMessageIsSent()
    {
        var kept = JSInterop.SetupModule(i => i.Identifier == "keep");
        kept.Setup<string?>("saved").SetResult("");
        kept.SetupVoid("clear").SetException(new Microsoft.JSInterop.JSException("the draft's storage is gone"));
        var (cut, _) = await RenderChatAsync();
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "keep"), Wait);

        cut.Find("input[aria-label=Message]").Input("sent anyway");
        cut.Find("input[aria-label=Message]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Equal("false", Assert.Single(cut.FindAll("[data-testid=chat-message]")).GetAttribute("data-pending")), Wait);
        cut.WaitForAssertion(() => Assert.Contains(kept.Invocations, i => i.Identifier == "clear"), Wait);
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task FailedSend_StaysVisibleWithRetry_RetryConfirmsOnce()
    {
        var (cut, _) = await RenderChatAsync();
        EventLog.FailAppends = CollabError.Unavailable("store down");

        cut.Find("input[aria-label=Message]").Input("try me");
        Assert.Single(Buttons(cut, "Send")).Click();

        cut.WaitForAssertion(() =>
        {
            var message = Assert.Single(cut.FindAll("[data-testid=chat-message]"));
            Assert.Equal("true", message.GetAttribute("data-pending"));
            Assert.Contains("Not sent", message.TextContent);
        }, Wait);
        EventLog.FailAppends = null;
        Assert.Single(Buttons(cut, "Retry")).Press();

        cut.WaitForAssertion(() =>
        {
            var message = Assert.Single(cut.FindAll("[data-testid=chat-message]"));
            Assert.Equal("false", message.GetAttribute("data-pending"));
            Assert.Empty(Buttons(cut, "Retry"));
        }, Wait);
    }

    [Fact]
    public async Task SendingFasterThanTheCircuitLimit_IsRefusedCalmly_AndStoresNothing()
    {
        // The typing notice sent while the first text is typed counts too (issue 11: every page action goes through the
        // limiter); the clock stands still, so it is the only one: room for it and two messages.
        Services.Configure<CollabApp.Hosting.LimitsOptions>(o =>
        {
            o.CallsPerSecond = 1;
            o.CallBurst = 3;
        });
        var (cut, _) = await RenderChatAsync();

        foreach (var text in new[] { "one", "two", "three" })
        {
            await cut.InvokeAsync(() => cut.Find("input[aria-label=Message]").Input(text));
            await cut.InvokeAsync(() => Assert.Single(Buttons(cut, "Send")).Click());
            cut.WaitForAssertion(() => Assert.Contains(text, Texts(cut)), Wait);
        }

        cut.WaitForAssertion(() =>
        {
            var refused = Assert.Single(cut.FindAll("[data-testid=chat-message]"), m => m.TextContent.Contains("three", StringComparison.Ordinal));
            Assert.Contains("slow down", refused.TextContent, StringComparison.Ordinal);
            Assert.NotEmpty(Buttons(cut, "Retry"));
        }, Wait);
        var stored = await Get<ChatService>().GetMessagesAsync(Alice, "lobby", null, 10, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(["one", "two"], stored.Select(m => m.Text));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=\"alert(1)\">")]
    public async Task Text_IsRenderedAsText(string text)
    {
        await SendAsAsync(Bob, text);

        var (cut, _) = await RenderChatAsync();

        cut.WaitForAssertion(() => Assert.Equal([text], Texts(cut)), Wait);
        Assert.Empty(cut.FindAll("[role=log] script"));
        Assert.Empty(cut.FindAll("[role=log] img"));
    }

    [Fact]
    public async Task RemoteMessage_AppearsLive()
    {
        var (cut, _) = await RenderChatAsync();

        await SendAsAsync(Bob, "from bob");

        cut.WaitForAssertion(() => Assert.Equal(["from bob"], Texts(cut)), Wait);
    }

    [Fact]
    public async Task Typing_FromOthersShown_DisappearsAfterFourSeconds_OwnIgnored()
    {
        var (cut, _) = await RenderChatAsync();

        await Get<ChatService>().TypingAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        await Get<ChatService>().TypingAsync(Bob, "lobby", CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.Equal("bob is typing…", cut.Find("[data-testid=typing]").TextContent), Wait);
        Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Single(cut.FindAll("[data-testid=typing]"));
        Clock.Advance(TimeSpan.FromSeconds(1.5));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=typing]")), Wait);
    }

    [Fact]
    public async Task LocalTyping_IsThrottledToOneNoticeEveryTwoSeconds()
    {
        var (cut, _) = await RenderChatAsync();
        var bobView = await RenderOtherAsync();

        cut.Find("input[aria-label=Message]").Input("h");
        cut.Find("input[aria-label=Message]").Input("he");
        cut.Find("input[aria-label=Message]").Input("hel");
        bobView.WaitForAssertion(() => Assert.Single(bobView.FindAll("[data-testid=typing]")), Wait);
        Clock.Advance(TimeSpan.FromSeconds(4.5));
        bobView.WaitForAssertion(() => Assert.Empty(bobView.FindAll("[data-testid=typing]")), Wait);

        cut.Find("input[aria-label=Message]").Input("hell");

        bobView.WaitForAssertion(() => Assert.Equal("alice is typing…", bobView.Find("[data-testid=typing]").TextContent), Wait);
    }

    private async Task<IRenderedComponent<ChatPanel>> RenderOtherAsync()
    {
        var connection = NewConnection();
        var cut = Render<ChatPanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Bob));
        await StartAsync(connection, Bob);
        return cut;
    }

    [Fact]
    public async Task History_LoadsOlderPages_WithoutDuplicates()
    {
        for (var i = 0; i < 120; i++)
        {
            await SendAsAsync(Bob, $"m{i:000}");
        }
        var (cut, _) = await RenderChatAsync();
        cut.WaitForAssertion(() => Assert.Equal(50, Texts(cut).Length), Wait);

        Assert.Single(Buttons(cut, "Load older messages")).Click();
        cut.WaitForAssertion(() => Assert.Equal(100, Texts(cut).Length), Wait);
        Assert.Single(Buttons(cut, "Load older messages")).Click();

        cut.WaitForAssertion(() =>
        {
            var texts = Texts(cut);
            Assert.Equal(Enumerable.Range(0, 120).Select(i => $"m{i:000}"), texts);
            Assert.Empty(Buttons(cut, "Load older messages"));
        }, Wait);
    }

    [Fact]
    public async Task ScrolledUp_NewMessageShowsMarker_ClickHidesIt()
    {
        var (cut, _) = await RenderChatAsync();
        await cut.InvokeAsync(() => cut.Instance.ScrolledToBottom(false)).WaitAsync(Wait);

        await SendAsAsync(Bob, "while away");

        cut.WaitForAssertion(() => Assert.Single(Buttons(cut, "New messages")), Wait);
        Assert.Single(Buttons(cut, "New messages")).Click();
        cut.WaitForAssertion(() => Assert.Empty(Buttons(cut, "New messages")), Wait);
    }
}
