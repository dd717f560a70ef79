using System.Text.Json;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>Issue 11, deliverable 5: a room's snapshot stays bounded however long its to-do list; the rest is read in pages.</summary>
public sealed class SnapshotBoundsHubTests
{
    [Fact]
    public async Task JoinRoom_HoldsTheFirstTodosOnly_AndGetTodosPagesTheRest()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.RegisterAsync();
        var total = RoomSessions.SnapshotTodos + 120;
        // Seeded through the service (the hub's own path, minus the per-call limit that would make this slow).
        var todos = room.App.First.Get<TodoService>();
        var user = new CollabUser(alice.UserId, alice.UserName, alice.UserName);
        var ids = new List<string>();
        for (var i = 0; i < total; i++)
        {
            ids.Add(Guid.NewGuid().ToString());
            await todos.AddAsync(user, "lobby", ids[^1], $"item {i}", CancellationToken.None);
        }
        var client = await room.ConnectAsync(alice);

        var joined = await client.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        var state = joined.GetProperty("state");
        var shown = state.GetProperty("todos").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        var rest = await client.InvokeAsync<JsonElement[]>("GetTodos", "lobby", shown[^1], TodoService.MaxPage);

        Assert.Equal(ids.Take(RoomSessions.SnapshotTodos), shown);
        Assert.Equal(total, state.GetProperty("todosTotal").GetInt32());
        Assert.Equal(ids.Skip(RoomSessions.SnapshotTodos), rest.Select(t => t.GetProperty("id").GetString()!));
        var first = await client.InvokeAsync<JsonElement[]>("GetTodos", "lobby", null, 3);
        Assert.Equal(ids.Take(3), first.Select(t => t.GetProperty("id").GetString()!));
        var tooMany = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => client.InvokeAsync<JsonElement[]>("GetTodos", "lobby", null, TodoService.MaxPage + 1));
        Assert.Contains("invalid: ", tooMany.Message, StringComparison.Ordinal);
    }
}
