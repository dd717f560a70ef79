using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

public sealed class ChatHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task SendMessage_ReachesEveryJoinedClient_AndARetryCommitsNothingNew(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var clientMessageId = Guid.NewGuid().ToString();

        var sent = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", clientMessageId, "  hello bob  ");
        var retried = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", clientMessageId, "hello bob");

        Assert.Equal("hello bob", sent.GetProperty("text").GetString());
        Assert.Equal(sent.GetProperty("id").GetString(), retried.GetProperty("id").GetString());
        Assert.Equal(sent.GetProperty("eventId").GetString(), retried.GetProperty("eventId").GetString());
        Assert.Equal(alice.User.UserId, sent.GetProperty("userId").GetString());
        await bob.WaitForAsync("message", d => d.GetProperty("clientMessageId").GetString() == clientMessageId, "the message");
        await alice.WaitForAsync("message", d => d.GetProperty("clientMessageId").GetString() == clientMessageId, "its own message");
        // A marker message after the retry proves the retry published nothing: it would have arrived before it.
        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "marker");
        await bob.WaitForAsync("message", d => d.GetProperty("text").GetString() == "marker", "the marker");
        Assert.Single(bob.OfType("message"), e => e.GetProperty("data").GetProperty("clientMessageId").GetString() == clientMessageId);
        var envelope = bob.OfType("message").First();
        Assert.Equal("lobby", envelope.GetProperty("roomId").GetString());
        Assert.Equal(sent.GetProperty("eventId").GetString(), envelope.GetProperty("eventId").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task SendMessage_EmptyText_IsInvalid(string? text)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());

        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), text));
    }

    [Fact]
    public async Task SendMessage_LimitsAndIds_AreChecked_AndRefusalsStoreNothing()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());

        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), new string('x', 4001)));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SendMessage", "lobby", "not-a-uuid", "hi"));
        var exactly = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), " " + new string('y', 4000) + " ");

        Assert.Equal(4000, exactly.GetProperty("text").GetString()!.Length);
        var history = await alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 100);
        Assert.Single(history);
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task GetMessages_PagesOldestFirst_WithoutDuplicates(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        for (var i = 0; i < 7; i++)
        {
            await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), $"m{i}");
        }

        var newest = await alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 3);
        var before = await alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", newest[0].GetProperty("id").GetString(), 3);
        var oldest = await alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", before[0].GetProperty("id").GetString(), 3);

        Assert.Equal(["m4", "m5", "m6"], newest.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(["m1", "m2", "m3"], before.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(["m0"], oldest.Select(m => m.GetProperty("text").GetString()));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 0));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 101));
    }

    [Fact]
    public async Task Typing_ReachesOthers_AsATransientEvent()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());

        await alice.InvokeAsync("Typing", "lobby");

        var events = await bob.WaitForAsync("typing", d => d.GetProperty("userId").GetString() == alice.User.UserId, "typing");
        var typing = events.First(e => e.GetProperty("type").GetString() == "typing");
        Assert.Equal(JsonValueKind.Null, typing.GetProperty("eventId").ValueKind);
        Assert.Equal(alice.User.UserName, typing.GetProperty("data").GetProperty("userName").GetString());
    }
}
