using System.Runtime.CompilerServices;
using CollabApp.Components.Shared;

namespace CollabApp.Tests.Components;

/// <summary>
/// Markup strings shared across renders and circuits (issue 13): one instance per distinct text while anything holds it,
/// none kept alive by the table itself.
/// </summary>
public sealed class SharedMarkupTests
{
    // A fresh instance with the same text, as each circuit's render makes when it rebuilds its rows.
    private static string Fresh(string text) => new(text.AsSpan());

    [Fact]
    public void TheSameText_FromTwoCircuitsOrTwoRenders_IsOneInstance()
    {
        var shared = new SharedMarkup();
        var first = shared.Keep(Fresh("<p>hi</p>")).Value;

        Assert.Same(first, shared.Keep(Fresh("<p>hi</p>")).Value);
        Assert.Same(first, shared.Share(Fresh("<p>hi</p>")));
        Assert.NotSame(first, shared.Share(Fresh("<p>hi!</p>")));
    }

    [Fact]
    public void AStringNothingElseHolds_IsCollected_AndSweptFromTheTable()
    {
        var shared = new SharedMarkup();
        var collected = ShareWithoutHolding(shared, 5000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.All(collected, weak => Assert.False(weak.TryGetTarget(out _)));
        var held = Fresh("<p>held</p>");
        Assert.Same(held, shared.Share(held));
        // The table sweeps when it has doubled since the last sweep (at 4,096 entries here): this many more reach it.
        for (var i = 0; i < 4096; i++)
        {
            shared.Share(Fresh($"<p>trigger {i}</p>"));
        }
        Assert.True(shared.Count < 5000, $"{shared.Count} entries after the sweep");
        Assert.Same(held, shared.Share(Fresh("<p>held</p>")));
    }

    [Fact]
    public async Task ManyCircuitsAtOnce_GetOneInstancePerText()
    {
        var shared = new SharedMarkup();
        var texts = Enumerable.Range(0, 50).Select(i => $"<div class=\"row\">message {i}</div>").ToArray();

        var renders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            texts.Select(text => shared.Share(Fresh(text))).ToArray())));

        for (var row = 0; row < texts.Length; row++)
        {
            Assert.Single(renders.Select(render => render[row]).Distinct(ReferenceEqualityComparer.Instance));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference<string>> ShareWithoutHolding(SharedMarkup shared, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new WeakReference<string>(shared.Share(Fresh($"<p>gone {i}</p>"))))];
}
