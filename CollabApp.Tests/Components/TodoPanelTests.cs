using System.Text.Json;
using Bunit;
using Bunit.Rendering;
using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Components.Todos;
using CollabApp.Core.Todos;
using CollabApp.Tests.Components.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CollabApp.Tests.Components;

public class TodoPanelTests : RoomComponentTest
{
    private RoomConnection? _connection;

    private TodoService Todos => Get<TodoService>();

    // Waits until the panel has rendered every room event so far, so a click never races a render.
    private async Task SettledAsync()
    {
        var latest = (await Get<CollabApp.Core.Events.IRoomEventLog>().GetLatestIdAsync("lobby", CancellationToken.None).WaitAsync(Wait))?.ToString();
        await CollabApp.Tests.Hosting.Eventually.UntilAsync(() => _connection!.LastEventId == latest, "the panel to catch up", Wait);
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderTodosAsync()
    {
        var connection = NewConnection();
        _connection = connection;
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TodoPanel>(1);
            builder.AddComponentParameter(2, nameof(TodoPanel.Connection), connection);
            builder.AddComponentParameter(3, nameof(TodoPanel.Room), Lobby);
            builder.AddComponentParameter(4, nameof(TodoPanel.User), Alice);
            builder.CloseComponent();
        });
        await StartAsync(connection, Alice);
        return cut;
    }

    private async Task<TodoItem> SeedAsync(string title) =>
        await Todos.AddAsync(Bob, "lobby", Guid.NewGuid().ToString(), title, CancellationToken.None).WaitAsync(Wait);

    private static (string Title, string? Pending, bool Done)[] Items(IRenderedComponent<ContainerFragment> cut) =>
        [.. cut.FindAll("ul[aria-label=\"To-do list\"] > li[data-testid=todo-item]").Select(li => (
            li.QuerySelector(".collab-todo-title")?.TextContent ?? "",
            li.GetAttribute("data-pending"),
            li.QuerySelector(".collab-todo-title")?.GetAttribute("data-done") == "true"))];

    // MudDialog renders again right after it opens (new handler ids); a click that lands between the
    // two renders did nothing, so try again with the fresh markup.
    private static void Click(IRenderedComponent<ContainerFragment> cut, string name) =>
        ClickFresh(() => Assert.Single(Buttons(cut, name)));

    private static void ClickFresh(Func<AngleSharp.Dom.IElement> find)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                find().Press();
                return;
            }
            catch (UnknownEventHandlerIdException) when (attempt < 5)
            {
            }
        }
    }

    // MudBlazor names checkboxes and radios through aria-labelledby.
    private static AngleSharp.Dom.IElement Labelled(IRenderedComponent<ContainerFragment> cut, string type, string name) =>
        cut.FindAll($"input[type={type}]").Single(i =>
            i.GetAttribute("aria-label") == name
            || (i.GetAttribute("aria-labelledby") is { } id && cut.Find($"[id='{id}']").TextContent.Trim() == name));

    [Fact]
    public async Task Add_ShowsPendingAtOnce_ThenConfirmed()
    {
        var cut = await RenderTodosAsync();
        TodoStore.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        cut.Find("input[aria-label=\"New task\"]").Input("Buy milk");
        Click(cut, "Add");

        cut.WaitForAssertion(() => Assert.Equal([("Buy milk", "true", false)], Items(cut)), Wait);
        Assert.Equal("", cut.Find("input[aria-label=\"New task\"]").GetAttribute("value"));
        TodoStore.Hold.SetResult();
        TodoStore.Hold = null;
        cut.WaitForAssertion(() => Assert.Equal([("Buy milk", "false", false)], Items(cut)), Wait);
        Assert.Single(await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task Saving_IsAnnouncedToScreenReaders_WhilePending_ThenSaved()
    {
        var cut = await RenderTodosAsync();
        var status = cut.Find("[data-testid=todo-saving]");
        Assert.Equal("status", status.GetAttribute("role"));
        Assert.Equal("", status.TextContent);
        TodoStore.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        cut.Find("input[aria-label=\"New task\"]").Input("Buy milk");
        Click(cut, "Add");

        cut.WaitForAssertion(() => Assert.Equal("Saving…", cut.Find("[data-testid=todo-saving]").TextContent), Wait);
        TodoStore.Hold.SetResult();
        TodoStore.Hold = null;
        cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[data-testid=todo-saving]").TextContent), Wait);
    }

    [Fact]
    public async Task Checkbox_NamedByTitle_TogglesDone()
    {
        var item = await SeedAsync("Water plants");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Single(Items(cut)), Wait);

        Labelled(cut, "checkbox", "Water plants").ChangeRow(true);

        cut.WaitForAssertion(() => Assert.Equal([("Water plants", "false", true)], Items(cut)), Wait);
        var stored = Assert.Single(await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait));
        Assert.True(stored.Done);
        Assert.Equal(item.Version + 1, stored.Version);
    }

    [Fact]
    public async Task RemoteChanges_ShowLive()
    {
        var cut = await RenderTodosAsync();
        var item = await SeedAsync("Remote");
        cut.WaitForAssertion(() => Assert.Equal(["Remote"], Items(cut).Select(i => i.Title)), Wait);

        await Todos.UpdateAsync(Bob, "lobby", item.Id, null, new TodoPatch("Remote 2", true), CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal([("Remote 2", "false", true)], Items(cut)), Wait);

        await Todos.DeleteAsync(Bob, "lobby", item.Id, null, CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Empty(Items(cut)), Wait);
    }

    [Fact]
    public async Task Edit_SavesTitle_VersionChecked()
    {
        await SeedAsync("Old title");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Single(Items(cut)), Wait);

        Click(cut, "Edit Old title");
        cut.Find("input[aria-label=Title]").Input("New title");
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Equal([("New title", "false", false)], Items(cut)), Wait);
        Assert.Empty(cut.FindAll("input[aria-label=Title]"));
    }

    [Fact]
    public async Task Edit_Cancel_ChangesNothing()
    {
        await SeedAsync("Keep");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Single(Items(cut)), Wait);

        Click(cut, "Edit Keep");
        cut.Find("input[aria-label=Title]").Input("Changed");
        Click(cut, "Cancel");

        Assert.Equal([("Keep", "false", false)], Items(cut));
    }

    private async Task<(IRenderedComponent<ContainerFragment> Cut, TodoItem Item)> ConflictAsync()
    {
        var item = await SeedAsync("Base");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Single(Items(cut)), Wait);
        Click(cut, "Edit Base");
        cut.Find("input[aria-label=Title]").Input("Mine");
        await Todos.UpdateAsync(Bob, "lobby", item.Id, item.Version, new TodoPatch("Theirs", true), CancellationToken.None).WaitAsync(Wait);
        await SettledAsync();
        Click(cut, "Save");
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Edit conflict", cut.Markup);
            Assert.Contains("Mine", cut.Find("[data-testid=conflict-yours]").TextContent);
            Assert.Contains("Theirs", cut.Find("[data-testid=conflict-theirs]").TextContent);
        }, Wait);
        return (cut, item);
    }

    [Fact]
    public async Task Conflict_KeepMine_ReappliesMyTitleOnCurrentVersion()
    {
        var (cut, _) = await ConflictAsync();

        Click(cut, "Keep mine");

        cut.WaitForAssertion(() => Assert.Equal([("Mine", "false", true)], Items(cut)), Wait);
        var stored = Assert.Single(await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(("Mine", true, 3), (stored.Title, stored.Done, stored.Version));
    }

    [Fact]
    public async Task Conflict_TakeTheirs_DropsMine()
    {
        var (cut, _) = await ConflictAsync();

        Click(cut, "Take theirs");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal([("Theirs", "false", true)], Items(cut));
            Assert.DoesNotContain("Edit conflict", cut.Markup);
        }, Wait);
        Assert.Equal(2, Assert.Single(await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait)).Version);
    }

    [Fact]
    public async Task Conflict_Merge_TakesChosenFields()
    {
        var (cut, _) = await ConflictAsync();

        // Defaults: title from mine, done from theirs; pick done from mine too (mine was not done).
        ClickFresh(() => Labelled(cut, "radio", "Done: yours"));
        Click(cut, "Merge");

        cut.WaitForAssertion(() => Assert.Equal([("Mine", "false", false)], Items(cut)), Wait);
        var stored = Assert.Single(await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(("Mine", false), (stored.Title, stored.Done));
    }

    [Fact]
    public async Task DeleteAndMove_UpdateListAtOnce()
    {
        await SeedAsync("One");
        await SeedAsync("Two");
        await SeedAsync("Three");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Equal(3, Items(cut).Length), Wait);

        // Each step waits until the server confirmed it, so no click races a confirmation's render.
        await SettledAsync();
        Click(cut, "Move Three up");
        cut.WaitForAssertion(() => Assert.Equal([("One", "false", false), ("Three", "false", false), ("Two", "false", false)], Items(cut)), Wait);
        await SettledAsync();
        Click(cut, "Move One down");
        cut.WaitForAssertion(() => Assert.Equal([("Three", "false", false), ("One", "false", false), ("Two", "false", false)], Items(cut)), Wait);
        await SettledAsync();
        Click(cut, "Delete One");
        cut.WaitForAssertion(() => Assert.Equal([("Three", "false", false), ("Two", "false", false)], Items(cut)), Wait);

        var stored = await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(["Three", "Two"], stored.Select(i => i.Title));
    }

    [Fact]
    public async Task DragAndDrop_Reorders()
    {
        await SeedAsync("A");
        await SeedAsync("B");
        await SeedAsync("C");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Equal(3, Items(cut).Length), Wait);

        cut.FindAll("li[data-testid=todo-item]")[0].DragStartRow();
        cut.FindAll("li[data-testid=todo-item]")[2].DropOnRow();

        cut.WaitForAssertion(() => Assert.Equal(["B", "C", "A"], Items(cut).Select(i => i.Title)), Wait);
        var stored = await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(["B", "C", "A"], stored.Select(i => i.Title));
    }

    [Fact]
    public async Task ForgedRowEvents_ForNoRowOrNoControl_ChangeNothing()
    {
        var first = await SeedAsync("First");
        await SeedAsync("Second");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Equal(2, Items(cut).Length), Wait);
        var list = cut.Find("ul[aria-label=\"To-do list\"]");

        foreach (var (action, row) in new (string?, string?)[]
                 {
                     ("delete", "no-such-row"), ("delete", null), (null, first.Id), ("launch", first.Id), ("up", first.Id),
                 })
        {
            await list.TriggerEventAsync("onrowclick", new RowEventArgs { Action = action, Row = row });
        }
        await list.TriggerEventAsync("onrowchange", new RowEventArgs { Action = "done", Row = first.Id, Checked = null });
        await list.TriggerEventAsync("onrowchange", new RowEventArgs { Action = "delete", Row = first.Id, Checked = true });
        await list.TriggerEventAsync("onrowdrop", new RowEventArgs { Row = "no-such-row" });

        Assert.Equal([("First", "false", false), ("Second", "false", false)], Items(cut));
        var stored = await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(["First", "Second"], stored.Select(i => i.Title));
        Assert.All(stored, i => Assert.False(i.Done));
    }

    [Fact]
    public async Task Error_ShowsSnackbar_AndListIsCorrectAgain()
    {
        var item = await SeedAsync("Doomed");
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Single(Items(cut)), Wait);
        Click(cut, "Edit Doomed");
        cut.Find("input[aria-label=Title]").Input("Renamed");
        // Deleted behind the UI's back (no event reaches it): the update is refused with not-found.
        await TodoStore.TryReplaceAsync("lobby", item with { Version = 2 }, 1, TodoChange.Deleted, CancellationToken.None).WaitAsync(Wait);

        Click(cut, "Save");

        cut.WaitForAssertion(() =>
        {
            var snackbar = Assert.Single(Get<ISnackbar>().ShownSnackbars);
            Assert.Contains("no longer exists", snackbar.Message);
            Assert.Equal([("Doomed", "false", false)], Items(cut));
        }, Wait);
    }

    [Fact]
    public async Task EachChange_IsKeptInTheTab_UntilTheServerAnswers()
    {
        var outbox = JSInterop.SetupModule(i => i.Identifier == "keepChanges");
        outbox.Setup<JsonElement>("take").SetResult(JsonDocument.Parse("[]").RootElement);
        var cut = await RenderTodosAsync();
        cut.WaitForAssertion(() => Assert.Contains(outbox.Invocations, i => i.Identifier == "take"), Wait);
        TodoStore.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        cut.Find("input[aria-label=\"New task\"]").Input("Buy milk");
        Click(cut, "Add");

        cut.WaitForAssertion(() => Assert.Contains(outbox.Invocations, i => i.Identifier == "put"), Wait);
        // A JSON value with the names todo-outbox.mjs reads (its key) and the next page reads back.
        var sent = Assert.IsType<JsonElement>(outbox.Invocations.Single(i => i.Identifier == "put").Arguments[0]);
        Assert.Equal("Buy milk", sent.GetProperty("title").GetString());
        var kept = BrowserJson.Read<KeptTodoChange>(sent)!;
        Assert.Equal((PendingTodoKind.Add, "Buy milk", kept.Key), (kept.Kind, kept.Title, sent.GetProperty("key").GetString()));
        Assert.DoesNotContain(outbox.Invocations, i => i.Identifier == "remove");

        TodoStore.Hold.SetResult();
        TodoStore.Hold = null;
        cut.WaitForAssertion(() =>
        {
            Assert.Equal([("Buy milk", "false", false)], Items(cut));
            Assert.Equal(kept.Key, outbox.Invocations.Single(i => i.Identifier == "remove").Arguments[0]);
        }, Wait);
    }

    [Fact]
    public async Task ChangesTheLastPageLeftUnanswered_AreSentAgain_Once()
    {
        var milk = await SeedAsync("Milk");
        var bread = await SeedAsync("Bread");
        var landed = await SeedAsync("Landed before the crash");
        var added = Guid.NewGuid().ToString();
        var outbox = JSInterop.SetupModule(i => i.Identifier == "keepChanges");
        outbox.Setup<JsonElement>("take").SetResult(BrowserJson.Of<KeptTodoChange[]>(
        [
            new("k1", PendingTodoKind.Add, landed.Id, landed.Title, null, null, null),
            new("k2", PendingTodoKind.Add, added, "Added before the reload", null, null, null),
            new("k3", PendingTodoKind.Update, milk.Id, null, true, milk.Version, null),
            new("k4", PendingTodoKind.Delete, bread.Id, null, null, null, null),
            new("k5", PendingTodoKind.Delete, Guid.NewGuid().ToString(), null, null, null, null),
        ]));

        var cut = await RenderTodosAsync();

        cut.WaitForAssertion(() => Assert.Equal(
            [("Milk", "false", true), ("Landed before the crash", "false", false), ("Added before the reload", "false", false)],
            Items(cut)), Wait);
        var stored = await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(["Milk", "Landed before the crash", "Added before the reload"], stored.Select(i => i.Title));
        Assert.Equal(milk.Version + 1, stored[0].Version);
        cut.WaitForAssertion(() => Assert.Equal(
            ["k2", "k3", "k4"],
            outbox.Invocations.Where(i => i.Identifier == "remove").Select(i => (string)i.Arguments[0]!)), Wait);
        Assert.Empty(cut.FindAll(".mud-snackbar"));
    }
}
