using CollabApp.Components.Shared;

namespace CollabApp.Tests.Components;

/// <summary>Markup strings kept between renders (issue 13): one instance per distinct text, dropped once unused.</summary>
public sealed class KeptMarkupTests
{
    // A fresh instance with the same text, as a render that rebuilds its rows makes.
    private static string Fresh(string text) => new(text.AsSpan());

    [Fact]
    public void TheSameTextInTheNextRender_GivesBackTheInstanceTheLastRenderKept()
    {
        var kept = new KeptMarkup();
        var first = kept.Keep(Fresh("<p>hi</p>")).Value;
        kept.RenderDone();

        var second = kept.Keep(Fresh("<p>hi</p>")).Value;

        Assert.Same(first, second);
    }

    [Fact]
    public void TheSameTextTwiceInOneRender_IsOneInstance()
    {
        var kept = new KeptMarkup();

        var a = kept.Keep(Fresh("<div>avatar</div>")).Value;
        var b = kept.Keep(Fresh("<div>avatar</div>")).Value;

        Assert.Same(a, b);
    }

    [Fact]
    public void TextNoRenderUsedSince_IsDropped()
    {
        var kept = new KeptMarkup();
        kept.Keep("<p>old</p>");
        var stays = kept.Keep(Fresh("<p>stays</p>")).Value;
        kept.RenderDone();

        kept.Keep(Fresh("<p>stays</p>"));
        kept.RenderDone();

        var old = Fresh("<p>old</p>");
        Assert.Same(old, kept.Keep(old).Value);
        Assert.Same(stays, kept.Keep(Fresh("<p>stays</p>")).Value);
    }
}
