using Bunit;
using CollabApp.Components.Chat;
using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core.Chat;
using CollabApp.Core.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Tests.Components;

/// <summary>The chat panel's states for editing, deleting, unread and rich text (issue 15, 3-5).</summary>
public sealed class ChatPanelMessageStateTests : RoomComponentTest
{
    private async Task<(IRenderedComponent<ChatPanel> Cut, RoomConnection Connection)> RenderChatAsync(CollabUser user)
    {
        var connection = NewConnection();
        var cut = Render<ChatPanel>(p => p
            .Add(c => c.Connection, connection)
            .Add(c => c.Room, Lobby)
            .Add(c => c.User, user));
        await StartAsync(connection, user);
        return (cut, connection);
    }

    private Task<ChatMessage> SendAsAsync(CollabUser user, string text) =>
        Get<ChatService>().SendAsync(user, "lobby", Guid.NewGuid().ToString(), text, CancellationToken.None).WaitAsync(Wait);

    private static AngleSharp.Dom.IElement MessageWith(IRenderedComponent<ChatPanel> cut, string text) =>
        cut.FindAll("[data-testid=chat-message]").Single(m => m.TextContent.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task EditMessage_OpensABox_SaveShowsTheNewTextAndEdited_ForTheOtherReaderToo()
    {
        await SendAsAsync(Alice, "helo world");
        var (cut, _) = await RenderChatAsync(Alice);
        var (bobs, _) = await RenderChatAsync(Bob);
        cut.WaitForAssertion(() => MessageWith(cut, "helo world"), Wait);
        Assert.Empty(bobs.FindAll("button[aria-label='Edit message']"));

        Assert.Single(Buttons(cut, "Edit message")).Press();
        var box = cut.Find("input[aria-label='Edit message']");
        Assert.Equal("helo world", box.GetAttribute("value"));
        box.Input("hello world");
        Assert.Single(Buttons(cut, "Save")).Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("input[aria-label='Edit message']"));
            var message = MessageWith(cut, "hello world");
            Assert.Contains("(edited)", message.QuerySelector("[data-testid=edited]")!.TextContent);
        }, Wait);
        bobs.WaitForAssertion(() => Assert.NotNull(MessageWith(bobs, "hello world").QuerySelector("[data-testid=edited]")), Wait);
        Assert.DoesNotContain("helo world", bobs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditMessage_EscapeCancels_AndARefusalIsShown()
    {
        await SendAsAsync(Alice, "keep me");
        var (cut, _) = await RenderChatAsync(Alice);
        cut.WaitForAssertion(() => MessageWith(cut, "keep me"), Wait);

        Assert.Single(Buttons(cut, "Edit message")).Press();
        cut.Find("input[aria-label='Edit message']").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("input[aria-label='Edit message']"));

        Assert.Single(Buttons(cut, "Edit message")).Press();
        cut.Find("input[aria-label='Edit message']").Input("   ");
        Assert.Single(Buttons(cut, "Save")).Click();

        cut.WaitForAssertion(() => Assert.Contains("Not saved", cut.Find("[role=alert]").TextContent), Wait);
        Assert.Equal("keep me", (await ChatStore.ListBeforeAsync("lobby", null, 10, default))[0].Text);
    }

    [Fact]
    public async Task DeleteMessage_ShowsMessageDeleted_ToEveryone_WithoutItsText()
    {
        await SendAsAsync(Alice, "oops, wrong room");
        var (cut, _) = await RenderChatAsync(Alice);
        var (bobs, _) = await RenderChatAsync(Bob);
        cut.WaitForAssertion(() => MessageWith(cut, "oops"), Wait);

        Assert.Single(Buttons(cut, "Delete message")).Press();

        foreach (var panel in new[] { cut, bobs })
        {
            panel.WaitForAssertion(() =>
            {
                Assert.Equal("Message deleted", panel.Find("[data-testid=message-deleted]").TextContent);
                Assert.DoesNotContain("oops", panel.Markup, StringComparison.Ordinal);
            }, Wait);
        }
        Assert.Empty(cut.FindAll("button[aria-label='Edit message']"));
        Assert.Empty(cut.FindAll("button[aria-label='Delete message']"));
    }

    [Fact]
    public async Task ADeleteTheStoreFailsUntranslated_ChangesNothing_AndEndsNothing()
    {
        await SendAsAsync(Alice, "still here");
        var (cut, _) = await RenderChatAsync(Alice);
        cut.WaitForAssertion(() => MessageWith(cut, "still here"), Wait);
        EventLog.FailAppends = new InvalidOperationException("the disk is full");

        Assert.Single(Buttons(cut, "Delete message")).Press();

        cut.WaitForAssertion(() => Assert.Single(Buttons(cut, "Delete message")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=message-deleted]"));
        Assert.False(Assert.Single(await ChatStore.ListBeforeAsync("lobby", null, 10, default)).Deleted);
        Assert.False(Renderer.UnhandledException.IsCompleted);
        Assert.Contains(Get<MudBlazor.ISnackbar>().ShownSnackbars, s => s.Message == $"The message was not deleted. {CollabApp.Core.ErrorText.Unreachable}");
    }

    [Fact]
    public async Task ForgedRowClicks_OnSomeoneElsesMessage_OrNoRow_ChangeNothing()
    {
        var message = await SendAsAsync(Alice, "alice's words");
        var (bobs, _) = await RenderChatAsync(Bob);
        bobs.WaitForAssertion(() => MessageWith(bobs, "alice's words"), Wait);
        var log = bobs.Find("[role=log]");

        foreach (var (action, row) in new (string?, string?)[]
                 {
                     ("delete", message.Id), ("edit", message.Id), ("retry", message.Id), ("delete", "no-such-row"),
                     ("delete", null), (null, message.Id), ("<script>", message.Id),
                 })
        {
            await log.TriggerEventAsync("onrowclick", new RowEventArgs { Action = action, Row = row });
        }

        Assert.Empty(bobs.FindAll("input[aria-label='Edit message']"));
        Assert.Empty(bobs.FindAll("[data-testid=message-deleted]"));
        var stored = Assert.Single(await ChatStore.ListBeforeAsync("lobby", null, 10, default));
        Assert.False(stored.Deleted);
        Assert.Equal("alice's words", stored.Text);
    }

    [Fact]
    public async Task LinksAndMentions_AreRenderedAsElements_AndNothingElseIsMarkup()
    {
        await SendAsAsync(Alice, "hi");
        await SendAsAsync(Bob, "@alice see https://example.com/a?x=<b>1</b>. cc @bob <img src=x onerror=alert(1)> javascript:alert(1)");

        var (cut, _) = await RenderChatAsync(Alice);

        cut.WaitForAssertion(() =>
        {
            var message = MessageWith(cut, "cc");
            var link = Assert.Single(message.QuerySelectorAll("a"));
            Assert.Equal("https://example.com/a?x=", link.GetAttribute("href"));
            Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
            Assert.Equal("_blank", link.GetAttribute("target"));
            Assert.Equal("@alice", message.QuerySelector("[data-testid=mention-me]")!.TextContent);
            Assert.Equal("@bob", message.QuerySelector("[data-testid=mention]")!.TextContent);
            Assert.Empty(message.QuerySelectorAll("img, b"));
            Assert.Contains("<img src=x onerror=alert(1)>", message.TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Separator_GoesBeforeTheFirstUnreadMessage_AndReadingMovesTheMarker()
    {
        await SendAsAsync(Bob, "read before");
        var (first, firstConnection) = await RenderChatAsync(Alice);
        first.WaitForAssertion(() => MessageWith(first, "read before"), Wait);
        // A first visit sets the marker at the newest message: no separator.
        await WaitForMarkerAsync();
        Assert.Empty(first.FindAll("[data-testid=unread-separator]"));
        await DisposeComponentsAsync();
        await firstConnection.DisposeAsync();

        await SendAsAsync(Bob, "unread one");
        await SendAsAsync(Bob, "unread two");
        var unread = await Get<ReadMarkerService>().CountUnreadAsync(Alice, default).WaitAsync(Wait);
        Assert.Equal(2, unread["lobby"]);

        var (cut, _) = await RenderChatAsync(Alice);

        cut.WaitForAssertion(() =>
        {
            var separator = cut.Find("[data-testid=unread-separator]");
            Assert.Equal("separator", separator.GetAttribute("role"));
            Assert.Equal("New messages", separator.TextContent);
            Assert.Contains("unread one", separator.NextElementSibling!.TextContent);
        }, Wait);

        // Hidden tab: nothing is read however long it waits.
        await cut.InvokeAsync(() => cut.Instance.VisibilityChanged(false));
        Clock.Advance(ChatPanel.ReadAfter * 3);
        Assert.Equal(2, (await Get<ReadMarkerService>().CountUnreadAsync(Alice, default))["lobby"]);

        await cut.InvokeAsync(() => cut.Instance.VisibilityChanged(true));
        Clock.Advance(ChatPanel.ReadAfter);

        await Eventually(async () => (await Get<ReadMarkerService>().CountUnreadAsync(Alice, default))["lobby"] == 0);
        // The separator stays where it was while the room is open.
        Assert.Single(cut.FindAll("[data-testid=unread-separator]"));
    }

    [Fact]
    public async Task ABrowserThatIsGone_ReadsNothing_UntilItComesBack()
    {
        await SendAsAsync(Bob, "read before");
        var (cut, _) = await RenderChatAsync(Alice);
        cut.WaitForAssertion(() => MessageWith(cut, "read before"), Wait);
        await WaitForMarkerAsync();
        await cut.InvokeAsync(() => cut.Instance.VisibilityChanged(true));
        var circuit = Get<CollabApp.Components.Rooms.CircuitConnectionEvents>();

        // The tab was closed or reloaded: the circuit lives on for a while, its last "visible" with it.
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None).WaitAsync(Wait);
        await SendAsAsync(Bob, "while the tab is gone");
        cut.WaitForAssertion(() => MessageWith(cut, "while the tab is gone"), Wait);
        Clock.Advance(ChatPanel.ReadAfter * 3);
        Assert.Equal(1, (await Get<ReadMarkerService>().CountUnreadAsync(Alice, default))["lobby"]);

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None).WaitAsync(Wait);
        Clock.Advance(ChatPanel.ReadAfter);

        await Eventually(async () => (await Get<ReadMarkerService>().CountUnreadAsync(Alice, default))["lobby"] == 0);
    }

    private async Task WaitForMarkerAsync() =>
        await Eventually(async () => (await Get<ReadMarkerService>().CountUnreadAsync(Alice, default)).ContainsKey("lobby"));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }
}
