using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

public sealed class JoinRoomHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task JoinRoom_WithoutLastEventId_GivesTheSnapshot_WithMeOnline(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var sent = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "before bob");
        await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), "a task");
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, JsonDocument.Parse("[\"text\"]").RootElement, Guid.NewGuid().ToString());
        var bobUser = await room.RegisterAsync();
        var bob = await room.ConnectAsync(bobUser);

        var join = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);

        Assert.False(join.GetProperty("resumed").GetBoolean());
        var state = join.GetProperty("state");
        Assert.Equal("lobby", state.GetProperty("roomId").GetString());
        Assert.Equal("Lobby", state.GetProperty("name").GetString());
        Assert.Equal(sent.GetProperty("id").GetString(), state.GetProperty("messages")[0].GetProperty("id").GetString());
        Assert.Equal("a task", state.GetProperty("todos")[0].GetProperty("title").GetString());
        Assert.Equal("text", state.GetProperty("document").GetProperty("text").GetString());
        Assert.Equal(1, state.GetProperty("document").GetProperty("revision").GetInt32());
        var online = state.GetProperty("online").EnumerateArray().Select(e => e.GetProperty("userName").GetString()).ToList();
        Assert.Contains(bobUser.UserName, online);
        Assert.Contains(alice.User.UserName, online);
        Assert.False(string.IsNullOrEmpty(join.GetProperty("lastEventId").GetString()));
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task JoinRoom_WithLastEventId_ReplaysExactlyTheMissedEvents_ThenLiveOnes(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bobUser = await room.RegisterAsync();
        var seen = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "seen");
        var missed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var message = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), $"missed {i}");
            missed.Add(message.GetProperty("eventId").GetString()!);
        }
        var bob = await room.ConnectAsync(bobUser);

        var join = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", seen.GetProperty("eventId").GetString());
        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "live");

        Assert.True(join.GetProperty("resumed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, join.GetProperty("state").ValueKind);
        Assert.Equal(missed[^1], join.GetProperty("lastEventId").GetString());
        var events = await bob.WaitForAsync("message", d => d.GetProperty("text").GetString() == "live", "the live message");
        var texts = events.Where(e => e.GetProperty("type").GetString() == "message").Select(e => e.GetProperty("data").GetProperty("text").GetString());
        Assert.Equal(["missed 0", "missed 1", "missed 2", "live"], texts);
        var ids = events.Where(e => e.GetProperty("eventId").ValueKind == JsonValueKind.String).Select(e => e.GetProperty("eventId").GetString()!).ToList();
        Assert.Equal(ids.Order(EventIdOrder.Instance), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("1-0")]
    [InlineData("99999999999999-0")]
    public async Task JoinRoom_UnknownOrMalformedLastEventId_GivesASnapshot(string lastEventId)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "hello");
        var bob = await room.ConnectAsync(await room.RegisterAsync());

        var join = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", lastEventId);

        Assert.False(join.GetProperty("resumed").GetBoolean());
        Assert.Equal("hello", join.GetProperty("state").GetProperty("messages")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task JoinRoom_TooOldLastEventId_GivesASnapshot()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?> { ["Collab:Limits:RetainedEvents"] = "10" });
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var first = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "first");
        for (var i = 0; i < 15; i++)
        {
            await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), $"m{i}");
        }
        var bob = await room.ConnectAsync(await room.RegisterAsync());

        var join = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", first.GetProperty("eventId").GetString());

        Assert.False(join.GetProperty("resumed").GetBoolean());
        Assert.Equal("m14", join.GetProperty("state").GetProperty("messages").EnumerateArray().Last().GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task LeaveRoom_StopsTheEvents(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());

        await bob.InvokeAsync("LeaveRoom", "lobby");
        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "after bob left");
        await alice.WaitForAsync("message", d => d.GetProperty("text").GetString() == "after bob left", "its message");
        await bob.InvokeAsync("Typing", "lobby");
        await alice.WaitForAsync("typing", d => d.GetProperty("userId").GetString() == bob.User.UserId, "bob typing after leaving");

        Assert.Empty(bob.OfType("message"));
    }
}

/// <summary>Orders event ids as the protocol does: by ms, then seq.</summary>
public sealed class EventIdOrder : IComparer<string>
{
    public static EventIdOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        CollabApp.Core.Events.EventId.TryParse(x, out var a);
        CollabApp.Core.Events.EventId.TryParse(y, out var b);
        return a.CompareTo(b);
    }
}
