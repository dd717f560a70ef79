using System.Globalization;
using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Rooms;

/// <summary>
/// Two people type into the shared Document at the same time (real key events, a few ms apart, emoji
/// included): both textareas converge, and each person's text stays in order where they typed it.
/// </summary>
public sealed class DocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Base = "0123456789";
    // Disjoint alphabets (and not in Base), so each person's characters can be picked out of the result.
    private const string AlicesText = "abc😀de";
    private const string BobsText = "XYZ🎉VW";
    private static readonly KeyboardTypeOptions Typing = new() { Delay = 40 };

    [Fact]
    public Task Document_ConcurrentTypingAtDifferentSpots_Converges() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await StartWithBaseTextAsync(scenario);

        await Task.WhenAll(PlaceCaretAsync(alice, 0), PlaceCaretAsync(bob, Base.Length));
        await Task.WhenAll(alice.Page.Keyboard.TypeAsync(AlicesText, Typing), bob.Page.Keyboard.TypeAsync(BobsText, Typing));

        const string expected = AlicesText + Base + BobsText;
        await Expect(alice.Document).ToHaveValueAsync(expected);
        await Expect(bob.Document).ToHaveValueAsync(expected);
        Assert.Equal(await alice.Document.InputValueAsync(), await bob.Document.InputValueAsync());
    });

    [Fact]
    public Task Document_ConcurrentTypingAtTheSameSpot_ConvergesAndKeepsEachOnesText() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await StartWithBaseTextAsync(scenario);

        await Task.WhenAll(PlaceCaretAsync(alice, 5), PlaceCaretAsync(bob, 5));
        await Task.WhenAll(alice.Page.Keyboard.TypeAsync(AlicesText, Typing), bob.Page.Keyboard.TypeAsync(BobsText, Typing));

        var length = Base.Length + AlicesText.Length + BobsText.Length;
        var (final, _) = await Eventually.UntilAsync(
            async () => (await alice.Document.InputValueAsync(), await bob.Document.InputValueAsync()),
            values => values.Item1 == values.Item2 && values.Item1.Length == length,
            "equal documents holding both texts");
        // The interleaving of the two insertions is the server's choice; each person's own text is not.
        Assert.Equal(Base[..5] + AlicesText + Base[5..], Without(final, BobsText));
        Assert.Equal(Base[..5] + BobsText + Base[5..], Without(final, AlicesText));
    });

    [Fact]
    public Task Document_UndoAndRedo_RevertOnlyMyEdit_AfterAConcurrentEditByTheOther() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await StartWithBaseTextAsync(scenario);
        // Alice's edit at the end (a pause first, so it is a step of its own), then Bob's at the start.
        await alice.Page.WaitForTimeoutAsync(1100);
        await PlaceCaretAsync(alice, Base.Length);
        await alice.Page.Keyboard.TypeAsync("!!", Typing);
        await Expect(bob.Document).ToHaveValueAsync(Base + "!!");
        await PlaceCaretAsync(bob, 0);
        await bob.Page.Keyboard.TypeAsync(">>", Typing);
        await Expect(alice.Document).ToHaveValueAsync(">>" + Base + "!!");

        // Ctrl+Z in Alice's textarea undoes her "!!" only; Bob's ">>" stays, for both.
        await alice.Document.FocusAsync();
        await alice.Page.Keyboard.PressAsync("Control+z");
        await Expect(alice.Document).ToHaveValueAsync(">>" + Base);
        await Expect(bob.Document).ToHaveValueAsync(">>" + Base);

        // The Redo button brings it back; Bob's edits were never part of Alice's history.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Redo", Exact = true }).ClickAsync();
        await Expect(bob.Document).ToHaveValueAsync(">>" + Base + "!!");
        await Expect(alice.Document).ToHaveValueAsync(">>" + Base + "!!");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true }).ClickAsync();
        await Expect(bob.Document).ToHaveValueAsync(">>");
        await Expect(alice.Page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true })).ToBeDisabledAsync();
    });

    /// <summary>Both in a fresh room; Alice types the base text, and Bob's Document shows it.</summary>
    private static async Task<(RoomPage Alice, RoomPage Bob)> StartWithBaseTextAsync(Scenario scenario)
    {
        var (alice, bob) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        await Expect(alice.Document).ToHaveValueAsync("");
        await Expect(alice.EditorStatus).ToBeVisibleAsync();
        await alice.Document.ClickAsync();
        await alice.Page.Keyboard.TypeAsync(Base, Typing);
        await Expect(bob.Document).ToHaveValueAsync(Base);
        await Expect(alice.Document).ToHaveValueAsync(Base);
        return (alice, bob);
    }

    /// <summary>Focuses the Document with the caret after <paramref name="offset"/> characters of the base text.</summary>
    private static async Task PlaceCaretAsync(RoomPage room, int offset)
    {
        await room.Document.FocusAsync();
        await room.Page.Keyboard.PressAsync("Control+Home");
        for (var i = 0; i < offset; i++)
        {
            await room.Page.Keyboard.PressAsync("ArrowRight");
        }
    }

    /// <summary>The text without any of the text elements (emoji whole) that occur in <paramref name="other"/>.</summary>
    private static string Without(string text, string other)
    {
        var drop = TextElements(other).ToHashSet();
        return string.Concat(TextElements(text).Where(e => !drop.Contains(e)));
    }

    private static IEnumerable<string> TextElements(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            yield return elements.GetTextElement();
        }
    }
}
