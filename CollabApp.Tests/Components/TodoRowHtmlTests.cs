using AngleSharp.Html.Parser;
using CollabApp.Components.Todos;
using CollabApp.Core.Todos;

namespace CollabApp.Tests.Components;

/// <summary>
/// A to-do row's markup text (issue 13): a hostile title stays text and attribute values, never an element or an
/// attribute of its own; the controls are there with their names, actions and states.
/// </summary>
public sealed class TodoRowHtmlTests
{
    private static TodoItem Item(string title, bool done = false) =>
        new("t1", title, done, 1.0, 1, DateTimeOffset.UnixEpoch, "u-alice");

    private static AngleSharp.Dom.IElement Parse(string html) => new HtmlParser().ParseDocument($"<ul><li>{html}</li></ul>").QuerySelector("li")!;

    [Theory]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("x' data-action='delete")]
    [InlineData("</span><button data-action=\"delete\">")]
    [InlineData("naïve café – 日本語 😀")]
    public void Content_OfAnyTitle_KeepsItAsTextAndNames(string title)
    {
        var row = Parse(TodoRowHtml.Content(Item(title), pending: false, first: false, last: false));

        Assert.Empty(row.QuerySelectorAll("img"));
        Assert.Equal(title, row.QuerySelector(".collab-todo-title")!.TextContent);
        Assert.Equal(title, row.QuerySelector("input[type=checkbox]")!.GetAttribute("aria-label"));
        Assert.Equal(
            [
                ($"Move {title} up", TodoRowHtml.Actions.Up), ($"Move {title} down", TodoRowHtml.Actions.Down),
                ($"Edit {title}", TodoRowHtml.Actions.Edit), ($"Delete {title}", TodoRowHtml.Actions.Delete),
            ],
            row.QuerySelectorAll("button").Select(b => (b.GetAttribute("aria-label"), b.GetAttribute("data-action"))));
        Assert.Equal(5, row.QuerySelectorAll("[data-action]").Length);
    }

    [Fact]
    public void Content_ShowsDone_Pending_AndWhichWaysItCanMove()
    {
        var only = Parse(TodoRowHtml.Content(Item("Only", done: true), pending: true, first: true, last: true));
        var middle = Parse(TodoRowHtml.Content(Item("Middle"), pending: false, first: false, last: false));

        Assert.True(only.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));
        Assert.Equal("true", only.QuerySelector(".collab-todo-title")!.GetAttribute("data-done"));
        Assert.NotNull(only.QuerySelector(".collab-todo-pending"));
        var moves = only.QuerySelectorAll("button[data-action=up], button[data-action=down]");
        Assert.Equal(2, moves.Length);
        Assert.All(moves, b => Assert.True(b.HasAttribute("disabled")));

        Assert.False(middle.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));
        Assert.Null(middle.QuerySelector(".collab-todo-pending"));
        Assert.Empty(middle.QuerySelectorAll("button[disabled]"));
    }

    [Fact]
    public void Content_DrawsItsIcons_FromSymbolsThePageDefines()
    {
        var row = Parse(TodoRowHtml.Content(Item("Icons"), pending: false, first: false, last: false));
        var symbols = new HtmlParser().ParseDocument($"<body>{CollabApp.Components.Shared.IconSprite.Symbols}</body>")
            .QuerySelectorAll("symbol").Select(s => "#" + s.Id).ToHashSet();

        var used = row.QuerySelectorAll("button svg use").Select(u => u.GetAttribute("href") ?? "").ToArray();
        Assert.Equal(4, used.Length);
        Assert.All(used, href => Assert.Contains(href, symbols));
    }
}
