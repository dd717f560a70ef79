using AngleSharp.Html.Parser;
using CollabApp.Components.Chat;
using CollabApp.Components.Shared;

namespace CollabApp.Tests.Components;

/// <summary>
/// The chat row's markup text (issue 13): what a hostile message or name holds is text in the parsed row, never an
/// element or an attribute; what the row showed as elements before (mentions, links, the edited mark) is still there.
/// </summary>
public sealed class ChatRowHtmlTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 12, 7, 11, 3, 20, TimeSpan.Zero);
    private static readonly HashSet<string> Members = new(StringComparer.OrdinalIgnoreCase) { "alice", "bob" };

    private static ChatEntry Entry(string text, string userName = "bob", ChatEntryState state = ChatEntryState.Confirmed) =>
        new("m1", "c1", "u-bob", userName, text, SentAt, state);

    private static AngleSharp.Dom.IElement Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("a \"quoted\" & 'single' <b>bold</b>")]
    [InlineData("</p><img src=x onerror=alert(1)>")]
    [InlineData("line one\nline two\ttab")]
    [InlineData("naïve café – 日本語 😀")]
    public void Text_OfAnyMessage_ParsesBackToExactlyThatText(string text)
    {
        var body = Parse(ChatRowHtml.Text(Entry(text), Members, "alice"));

        var paragraph = Assert.Single(body.Children);
        Assert.Equal("P", paragraph.TagName);
        Assert.Equal(text, paragraph.TextContent);
        Assert.Empty(paragraph.Children);
    }

    [Theory]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("bob' onmouseover='alert(1)")]
    public void Meta_WithAHostileNameAndDisplayName_KeepsThemAsTextAndTitle(string name)
    {
        var body = Parse(ChatRowHtml.Meta(Entry("hi", userName: name), shownName: name));

        Assert.Empty(body.QuerySelectorAll("img"));
        var sender = body.QuerySelector(".collab-chat-sender > span")!;
        Assert.Equal(name, sender.TextContent);
        Assert.Equal(name, sender.GetAttribute("title"));
        Assert.Equal(["title"], sender.Attributes.Select(a => a.Name));
        // The instant, for the browser to keep relative (relative-time.mjs); the UTC time without it.
        var time = body.QuerySelector("time[data-relative]")!;
        Assert.Equal("2026-12-07T11:03:20.000Z", time.GetAttribute("datetime"));
        Assert.Equal("7 Dec 2026 11:03 UTC", time.TextContent);
        Assert.Equal(SentAt.ToString("f", System.Globalization.CultureInfo.CurrentCulture), time.GetAttribute("title"));
    }

    [Fact]
    public void Meta_OfAMessageBeingSent_SaysSo()
    {
        var sending = Parse(ChatRowHtml.Meta(Entry("hi", state: ChatEntryState.Sending), "Bob"));
        var sent = Parse(ChatRowHtml.Meta(Entry("hi"), "Bob"));

        Assert.Equal("sending…", sending.QuerySelector(".collab-chat-state")?.TextContent);
        Assert.Null(sent.QuerySelector(".collab-chat-state"));
    }

    [Fact]
    public void Text_WithLinksAndMentions_HasThemAsElements()
    {
        var body = Parse(ChatRowHtml.Text(Entry("see https://example.com/a?b=1&c=2 @bob and @Alice, not @carol"), Members, "alice"));

        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("https://example.com/a?b=1&c=2", link.GetAttribute("href"));
        Assert.Equal("https://example.com/a?b=1&c=2", link.TextContent);
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("@bob", Assert.Single(body.QuerySelectorAll("[data-testid=mention]")).TextContent);
        Assert.Equal("@Alice", Assert.Single(body.QuerySelectorAll("strong[data-testid=mention-me]")).TextContent);
        Assert.Equal("see https://example.com/a?b=1&c=2 @bob and @Alice, not @carol", body.TextContent);
    }

    [Fact]
    public void Text_OfAnEditedMessage_EndsWithTheMark_AndOfADeletedOne_SaysOnlyThat()
    {
        var edited = Parse(ChatRowHtml.Text(Entry("fixed") with { EditedAt = SentAt.AddMinutes(1) }, Members, "alice"));
        var deleted = Parse(ChatRowHtml.Text(Entry("<b>gone</b>") with { Deleted = true }, Members, "alice"));

        Assert.Equal("fixed (edited)", edited.TextContent);
        Assert.Equal(SentAt.AddMinutes(1).ToString("f", System.Globalization.CultureInfo.CurrentCulture),
            edited.QuerySelector("p > [data-testid=edited]")?.GetAttribute("title"));
        Assert.Equal("Message deleted", deleted.TextContent);
        Assert.NotNull(deleted.QuerySelector("p[data-testid=message-deleted]"));
    }

    [Fact]
    public void Avatar_IsDecorative_WithTheEncodedInitials_AndTheSharedStyleOfItsHue()
    {
        var body = Parse(Avatars.Html("u-bob", "<Bob> Builder"));

        var avatar = Assert.Single(body.Children);
        Assert.Equal("true", avatar.GetAttribute("aria-hidden"));
        Assert.Contains("mud-avatar", avatar.ClassList);
        Assert.Equal(People.Initials("<Bob> Builder"), avatar.TextContent);
        Assert.Empty(avatar.Children);
        Assert.Equal($"background-color: hsl({People.Hue("u-bob")} 55% 45%); color: #fff;", avatar.GetAttribute("style"));
    }

    [Theory]
    [InlineData("https://x.test/'onmouseover=alert(1)")]
    [InlineData("https://x.test/a?q=<b>&r=\"x\"")]
    public void Text_WithALinkCarryingQuotesOrBrackets_KeepsItsHrefAsText_AndAddsNoAttribute(string text)
    {
        var body = Parse(ChatRowHtml.Text(Entry(text), Members, "alice"));

        Assert.Equal(text, body.TextContent);
        Assert.Empty(body.QuerySelectorAll("b"));
        var links = body.QuerySelectorAll("a");
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            Assert.Equal(["href", "rel", "target"], link.Attributes.Select(a => a.Name));
            Assert.Equal(link.TextContent, link.GetAttribute("href"));
        }
    }

    [Fact]
    public void Body_HasEditAndDelete_OnlyWhenTheViewerMayChangeIt_EachNamedAndKeyed()
    {
        var mine = Parse(ChatRowHtml.Body(Entry("hi"), "<p>hi</p>", canChange: true));
        var theirs = Parse(ChatRowHtml.Body(Entry("hi"), "<p>hi</p>", canChange: false));

        Assert.Equal("m1", mine.QuerySelector(".collab-chat-body")!.GetAttribute("data-row"));
        Assert.Equal(
            [("Edit message", ChatRowHtml.Actions.Edit), ("Delete message", ChatRowHtml.Actions.Delete)],
            mine.QuerySelectorAll("button").Select(b => (b.GetAttribute("aria-label"), b.GetAttribute("data-action"))));
        Assert.Empty(theirs.QuerySelectorAll("button"));
        Assert.NotNull(theirs.QuerySelector(".collab-chat-body > p:only-child"));
    }

    [Theory]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("</div><button data-action=delete>")]
    public void Body_NotSent_ShowsTheReasonAsText_AndOneRetry(string reason)
    {
        var entry = new ChatEntry("c9", "c9", "u-bob", "bob", "hi", SentAt, ChatEntryState.Failed, reason);
        var row = Parse(ChatRowHtml.Body(entry, "<p>hi</p>", canChange: false));

        var failed = row.QuerySelector(".collab-chat-failed[role=alert]")!;
        Assert.Equal("Not sent: " + reason, failed.QuerySelector("span")!.TextContent);
        var retry = Assert.Single(row.QuerySelectorAll("button"));
        Assert.Equal((ChatRowHtml.Actions.Retry, "Retry"), (retry.GetAttribute("data-action"), retry.TextContent));
        Assert.Empty(row.QuerySelectorAll("img"));
    }

    [Fact]
    public void Body_WithAHostileKey_KeepsItAsTheAttributeValue()
    {
        var key = "k\" data-action=\"delete";
        var entry = new ChatEntry(key, key, "u-bob", "bob", "hi", SentAt, ChatEntryState.Confirmed);
        var body = Parse(ChatRowHtml.Body(entry, "<p>hi</p>", canChange: false)).QuerySelector(".collab-chat-body")!;

        Assert.Equal(key, body.GetAttribute("data-row"));
        Assert.Equal(["class", "data-row"], body.Attributes.Select(a => a.Name));
    }

    [Fact]
    public void Row_IsTheArticle_WithAvatarMetaAndBody_AndSaysWhetherItIsPending()
    {
        var avatar = Avatars.Html("u-bob", "Bob");
        var sent = Parse(ChatRowHtml.Row(Entry("hi"), avatar, "Bob", "<p class=\"collab-chat-text\">hi</p>", canChange: true));
        var sending = Parse(ChatRowHtml.Row(Entry("hi", state: ChatEntryState.Sending), avatar, "Bob", "<p>hi</p>", canChange: false));

        var article = Assert.Single(sent.Children);
        Assert.Equal("ARTICLE", article.TagName);
        Assert.Equal(("collab-chat-message", "chat-message", "false"),
            (article.GetAttribute("class"), article.GetAttribute("data-testid"), article.GetAttribute("data-pending")));
        Assert.Equal(["mud-avatar", "collab-chat-meta", "collab-chat-body"], article.Children.Select(c => c.ClassList[0]));
        Assert.Equal(2, article.QuerySelectorAll(".collab-chat-body[data-row=m1] button[data-action]").Length);
        Assert.Equal("true", Assert.Single(sending.Children).GetAttribute("data-pending"));
    }
}

