using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

public sealed class TodoHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Todos_AddUpdateMoveDelete_WithVersionsAndEvents(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var first = Guid.NewGuid().ToString();
        var second = Guid.NewGuid().ToString();

        var added = await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", first, " Buy milk ");
        var retried = await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", first, "Something else");
        await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", second, "Walk dog");
        Assert.Equal("Buy milk", added.GetProperty("title").GetString());
        Assert.Equal(1, added.GetProperty("version").GetInt32());
        Assert.Equal("Buy milk", retried.GetProperty("title").GetString());

        var done = await bob.InvokeAsync<JsonElement>("UpdateTodo", "lobby", first, null, new { done = true });
        Assert.Equal("ok", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("item").GetProperty("version").GetInt32());
        Assert.Equal(bob.User.UserId, done.GetProperty("item").GetProperty("updatedBy").GetString());

        var stale = await alice.InvokeAsync<JsonElement>("UpdateTodo", "lobby", first, 1, new { title = "Buy oat milk" });
        Assert.Equal("conflict", stale.GetProperty("status").GetString());
        Assert.Equal("Buy milk", stale.GetProperty("item").GetProperty("title").GetString());
        Assert.Equal(2, stale.GetProperty("item").GetProperty("version").GetInt32());

        var checkedUpdate = await alice.InvokeAsync<JsonElement>("UpdateTodo", "lobby", first, 2, new { title = "Buy oat milk" });
        Assert.Equal("ok", checkedUpdate.GetProperty("status").GetString());
        Assert.True(checkedUpdate.GetProperty("item").GetProperty("done").GetBoolean());

        var moved = await alice.InvokeAsync<JsonElement>("MoveTodo", "lobby", second, first);
        Assert.Equal("ok", moved.GetProperty("status").GetString());
        Assert.True(moved.GetProperty("item").GetProperty("position").GetDouble() < checkedUpdate.GetProperty("item").GetProperty("position").GetDouble());
        Assert.Equal(2, moved.GetProperty("item").GetProperty("version").GetInt32());

        var deleted = await bob.InvokeAsync<JsonElement>("DeleteTodo", "lobby", first, null);
        var deletedAgain = await bob.InvokeAsync<JsonElement>("DeleteTodo", "lobby", first, null);
        Assert.Equal("ok", deleted.GetProperty("status").GetString());
        Assert.Equal("Buy oat milk", deleted.GetProperty("item").GetProperty("title").GetString());
        Assert.Equal("ok", deletedAgain.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, deletedAgain.GetProperty("item").ValueKind);

        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("UpdateTodo", "lobby", first, null, new { done = false }));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("MoveTodo", "lobby", first, null));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("MoveTodo", "lobby", second, Guid.NewGuid().ToString()));

        var kinds = await bob.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "todo") >= 6, "six todo events");
        Assert.Equal(
            ["added", "added", "updated", "updated", "moved", "deleted"],
            kinds.Where(e => e.GetProperty("type").GetString() == "todo").Select(e => e.GetProperty("data").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Todos_BadInput_IsInvalid_AndChangesNothing()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var id = Guid.NewGuid().ToString();
        await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", id, "Keep");

        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("AddTodo", "lobby", "nope", "title"));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), " "));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), new string('t', 501)));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("UpdateTodo", "lobby", id, null, new { }));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("UpdateTodo", "lobby", id, null, new { title = "" }));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("MoveTodo", "lobby", id, id));

        var join = await alice.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        var todos = join.GetProperty("state").GetProperty("todos");
        Assert.Equal(1, todos.GetArrayLength());
        Assert.Equal("Keep", todos[0].GetProperty("title").GetString());
        Assert.Equal(1, todos[0].GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Todos_ConcurrentLastWriteWins_VersionsGrowByOnePerChange(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var id = Guid.NewGuid().ToString();
        await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", id, "Race");

        var updates = Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? alice : bob).InvokeAsync<JsonElement>("UpdateTodo", "lobby", id, null, new { title = $"t{i}" }));
        var results = await Task.WhenAll(updates);

        Assert.All(results, r => Assert.Equal("ok", r.GetProperty("status").GetString()));
        Assert.Equal(Enumerable.Range(2, 10), results.Select(r => r.GetProperty("item").GetProperty("version").GetInt32()).Order());
        var last = results.MaxBy(r => r.GetProperty("item").GetProperty("version").GetInt32());
        var join = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        Assert.Equal(last.GetProperty("item").GetProperty("title").GetString(), join.GetProperty("state").GetProperty("todos")[0].GetProperty("title").GetString());
    }
}
