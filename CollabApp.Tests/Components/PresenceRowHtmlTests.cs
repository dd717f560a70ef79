using AngleSharp.Html.Parser;
using CollabApp.Components.Presence;
using CollabApp.Components.Shared;
using CollabApp.Core.Presence;

namespace CollabApp.Tests.Components;

/// <summary>A who's-online entry as markup text (issue 13): what the person chose stays text, and the entry says what it said as elements.</summary>
public sealed class PresenceRowHtmlTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 11, 0, 0, TimeSpan.Zero);

    private static AngleSharp.Dom.IElement Parse(string html) =>
        new HtmlParser().ParseDocument($"<body><ul>{html}</ul></body>").Body!.QuerySelector("ul")!;

    [Theory]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("bob' onmouseover='alert(1)")]
    public void Entry_WithAHostileNameAndDisplayName_KeepsThemAsTextAndAttributeValues(string name)
    {
        var entry = new PresenceEntry("u-bob", name, PresenceStatus.Online, 1, At);
        var list = Parse(PresenceRowHtml.Entry(entry, Avatars.Html("u-bob", name), name, isViewer: false));

        var item = Assert.Single(list.Children);
        Assert.Empty(list.QuerySelectorAll("img"));
        Assert.Equal(["data-testid", "data-user", "data-status"], item.Attributes.Select(a => a.Name));
        Assert.Equal((name, PresenceStatus.Online), (item.GetAttribute("data-user"), item.GetAttribute("data-status")));
        var shown = item.QuerySelector(".collab-presence-name > span")!;
        Assert.Equal((name, name), (shown.TextContent, shown.GetAttribute("title")));
        Assert.Null(item.QuerySelector(".collab-presence-you"));
    }

    [Fact]
    public void Entry_SaysWhoIsTheViewer_TheirStatus_AndHowManyDevices()
    {
        var mine = Parse(PresenceRowHtml.Entry(new PresenceEntry("u-ann", "ann", PresenceStatus.Away, 3, At), Avatars.Html("u-ann", "Ann"), "Ann", isViewer: true));
        var theirs = Parse(PresenceRowHtml.Entry(new PresenceEntry("u-bob", "bob", PresenceStatus.Online, 1, At), "", "Bob", isViewer: false));

        Assert.Equal("Ann (you)", mine.QuerySelector(".collab-presence-name")!.TextContent);
        Assert.Equal("away", mine.QuerySelector(".collab-presence-status")!.TextContent);
        Assert.Equal("A", mine.QuerySelector(".mud-avatar")!.TextContent);
        Assert.Equal(PresenceStatus.Away, mine.QuerySelector(".collab-status-dot")!.GetAttribute("data-status"));
        Assert.Equal("3 devices", mine.QuerySelector(".collab-presence-devices")!.TextContent);
        Assert.Null(theirs.QuerySelector(".collab-presence-devices"));
        Assert.Equal("online", theirs.QuerySelector(".collab-presence-status")!.TextContent);
    }
}
