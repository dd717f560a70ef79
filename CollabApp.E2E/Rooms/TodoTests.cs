using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Rooms;

/// <summary>
/// Two people edit one to-do's title at once: the first save wins, the second gets the "Edit conflict"
/// dialog (Yours / Theirs) and settles it; both then see the same title.
/// </summary>
public sealed class TodoTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public Task Todo_ConcurrentTitleEdits_KeepMine_BothSeeTheSecondTitle() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob, original) = await ConflictAsync(scenario);
        await bob.ConflictButton("Keep mine").ClickAsync();
        await AssertBothSeeAsync(alice, bob, expected: BobsTitle(original), gone: [AlicesTitle(original), original]);
    });

    [Fact]
    public Task Todo_ConcurrentTitleEdits_TakeTheirs_BothSeeTheFirstTitle() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob, original) = await ConflictAsync(scenario);
        await bob.ConflictButton("Take theirs").ClickAsync();
        await AssertBothSeeAsync(alice, bob, expected: AlicesTitle(original), gone: [BobsTitle(original), original]);
    });

    /// <summary>
    /// The rows' controls are kept markup whose events the list receives (row-events.mjs, EventHandlers.cs): each
    /// kind of event, from a real browser, reaches the server, and the other person sees the result; a control keeps
    /// the focus when its row is replaced.
    /// </summary>
    [Fact]
    public Task Todo_RowControls_CheckMoveDragAndDelete_ReachTheOtherPerson() => fixture.RunAsync(async scenario =>
    {
        var (alice, bob) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        foreach (var title in new[] { "One", "Two", "Three", "Four" })
        {
            await alice.AddTodoAsync(title);
        }
        await Expect(bob.TodoItems).ToHaveCountAsync(4);
        // The rows' icons refer to symbols the page draws once (IconSprite).
        await Expect(alice.Page.Locator("symbol#collab-icon-delete")).ToHaveCountAsync(1);

        await alice.TodoCheckbox("Two").CheckAsync();
        await Expect(bob.TodoCheckbox("Two")).ToBeCheckedAsync();
        // The row was replaced twice (pending, then saved): the focus is back on its checkbox (row-focus.mjs).
        await Expect(alice.TodoItems.Filter(new() { HasText = "Two" })).ToHaveAttributeAsync("data-pending", "false");
        await Expect(alice.TodoCheckbox("Two")).ToBeFocusedAsync();

        await alice.TodoButton("Move Three up").ClickAsync();
        await ExpectOrderAsync(bob, "One", "Three", "Two", "Four");
        await Expect(alice.TodoItems.Filter(new() { HasText = "Three" })).ToHaveAttributeAsync("data-pending", "false");
        await Expect(alice.TodoButton("Move Three up")).ToBeFocusedAsync();

        await alice.TodoItems.Filter(new() { HasText = "Four" }).DragToAsync(alice.TodoItems.Filter(new() { HasText = "One" }));
        await ExpectOrderAsync(bob, "Four", "One", "Three", "Two");

        await alice.TodoButton("Delete One").ClickAsync();
        await ExpectOrderAsync(bob, "Four", "Three", "Two");
        await ExpectOrderAsync(alice, "Four", "Three", "Two");
        await Expect(alice.TodoCheckbox("Two")).ToBeCheckedAsync();
    });

    private static Task ExpectOrderAsync(RoomPage room, params string[] titles) =>
        Expect(room.TodoItems.Locator(".collab-todo-title")).ToHaveTextAsync(titles);

    private static string AlicesTitle(string original) => $"{original} by Alice";

    private static string BobsTitle(string original) => $"{original} by Bob";

    /// <summary>Alice and Bob open the editor of one to-do; Alice saves, then Bob: Bob sees the dialog.</summary>
    private static async Task<(RoomPage Alice, RoomPage Bob, string Original)> ConflictAsync(Scenario scenario)
    {
        var (alice, bob) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        var original = "Task " + Names.Room();
        await alice.AddTodoAsync(original);
        await Expect(bob.TodoCheckbox(original)).ToBeVisibleAsync();

        await alice.StartEditAsync(original, AlicesTitle(original));
        await bob.StartEditAsync(original, BobsTitle(original));
        await alice.SaveButton.ClickAsync();
        await Expect(alice.TodoCheckbox(AlicesTitle(original))).ToBeVisibleAsync();

        await bob.SaveButton.ClickAsync();
        await Expect(bob.ConflictDialog).ToBeVisibleAsync();
        await Expect(bob.ConflictDialog).ToContainTextAsync("Yours");
        await Expect(bob.ConflictDialog).ToContainTextAsync("Theirs");
        await Expect(bob.ConflictDialog).ToContainTextAsync(BobsTitle(original));
        await Expect(bob.ConflictDialog).ToContainTextAsync(AlicesTitle(original));
        foreach (var button in new[] { "Keep mine", "Take theirs", "Merge" })
        {
            await Expect(bob.ConflictButton(button)).ToBeVisibleAsync();
        }
        await Expect(alice.ConflictDialog).ToHaveCountAsync(0);
        return (alice, bob, original);
    }

    private static async Task AssertBothSeeAsync(RoomPage alice, RoomPage bob, string expected, string[] gone)
    {
        foreach (var room in new[] { alice, bob })
        {
            await Expect(room.ConflictDialog).ToHaveCountAsync(0);
            await Expect(room.TodoCheckbox(expected)).ToBeVisibleAsync();
            await Expect(room.TodoItems).ToHaveCountAsync(1);
            foreach (var title in gone)
            {
                await Expect(room.TodoCheckbox(title)).ToHaveCountAsync(0);
            }
        }
    }
}
