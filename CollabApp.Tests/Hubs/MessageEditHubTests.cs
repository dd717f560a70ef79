using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>EditMessage and DeleteMessage (docs/protocol.md section 4): rights, bad input, events across instances, history.</summary>
public sealed class MessageEditHubTests
{
    [Fact]
    public async Task EditAndDelete_ReachAClientOnAnotherInstance_AndHistoryShowsTheLatestState()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, instances: 2);
        var alice = await room.JoinAsync(await room.RegisterAsync(), instance: 0);
        var bob = await room.JoinAsync(await room.RegisterAsync(), instance: 1);
        var sent = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "helo");
        var kept = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "this one stays");
        var id = sent.GetProperty("id").GetString();

        var edited = await alice.InvokeAsync<JsonElement>("EditMessage", "lobby", id, "  hello  ");

        Assert.Equal("hello", edited.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.String, edited.GetProperty("editedAt").ValueKind);
        Assert.False(edited.GetProperty("deleted").GetBoolean());
        await bob.WaitForAsync("messageChange", d => d.GetProperty("kind").GetString() == "edited"
            && d.GetProperty("message").GetProperty("id").GetString() == id
            && d.GetProperty("message").GetProperty("text").GetString() == "hello", "the edit");
        var history = await bob.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 10);
        Assert.Equal(["hello", "this one stays"], history.Select(m => m.GetProperty("text").GetString()));

        var deleted = await alice.InvokeAsync<JsonElement>("DeleteMessage", "lobby", id);

        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal("", deleted.GetProperty("text").GetString());
        await bob.WaitForAsync("messageChange", d => d.GetProperty("kind").GetString() == "deleted"
            && d.GetProperty("message").GetProperty("id").GetString() == id
            && d.GetProperty("message").GetProperty("text").GetString() == "", "the deletion");
        history = await bob.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 10);
        Assert.True(history[0].GetProperty("deleted").GetBoolean());
        Assert.Equal("", history[0].GetProperty("text").GetString());
        Assert.Equal(kept.GetProperty("text").GetString(), history[1].GetProperty("text").GetString());

        // A newcomer's snapshot shows the deletion, without the text.
        var carol = await room.ConnectAsync(await room.RegisterAsync(), instance: 1);
        var joined = await carol.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        var shown = joined.GetProperty("state").GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        Assert.True(shown.GetProperty("deleted").GetBoolean());
        Assert.Equal("", shown.GetProperty("text").GetString());
        Assert.DoesNotContain("helo", joined.GetRawText(), StringComparison.Ordinal);

        // Deleting again changes nothing; editing a deleted message is refused.
        var again = await alice.InvokeAsync<JsonElement>("DeleteMessage", "lobby", id);
        Assert.True(again.GetProperty("deleted").GetBoolean());
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("EditMessage", "lobby", id, "back"));
    }

    [Fact]
    public async Task AResumeAfterADeletion_ReplaysTheMessageWithoutItsText()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.ConnectAsync(await room.RegisterAsync());
        // Something to resume after: Bob has seen it.
        var before = (await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "before")).GetProperty("eventId").GetString();
        await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        await bob.InvokeAsync("LeaveRoom", "lobby");
        var sent = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "secret words");
        await alice.InvokeAsync<JsonElement>("EditMessage", "lobby", sent.GetProperty("id").GetString(), "more secret words");
        await alice.InvokeAsync<JsonElement>("DeleteMessage", "lobby", sent.GetProperty("id").GetString());

        var resumed = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", before);

        Assert.True(resumed.GetProperty("resumed").GetBoolean());
        var events = await bob.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() is "messageChange") >= 2, "the replay");
        var replayed = bob.OfType("message").Single(m => m.GetProperty("data").GetProperty("id").GetString() == sent.GetProperty("id").GetString());
        Assert.Equal("", replayed.GetProperty("data").GetProperty("text").GetString());
        Assert.True(replayed.GetProperty("data").GetProperty("deleted").GetBoolean());
        Assert.DoesNotContain(events, e => e.GetRawText().Contains("secret", StringComparison.Ordinal));
        Assert.Equal("deleted", bob.OfType("messageChange").Last().GetProperty("data").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task OnlyTheAuthor_MayEditOrDelete_AndBadInputChangesNothing()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var id = (await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "original")).GetProperty("id").GetString();

        await HubErrors.AssertRefusedAsync("forbidden", () => bob.InvokeAsync<JsonElement>("EditMessage", "lobby", id, "hijacked"));
        await HubErrors.AssertRefusedAsync("forbidden", () => bob.InvokeAsync<JsonElement>("DeleteMessage", "lobby", id));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("EditMessage", "lobby", Guid.NewGuid().ToString(), "x"));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("DeleteMessage", "lobby", Guid.NewGuid().ToString()));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("EditMessage", "lobby", "not-an-id", "x"));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("EditMessage", "lobby", id, "   "));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("EditMessage", "lobby", id, new string('x', 4001)));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("EditMessage", "lobby", id, null));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("DeleteMessage", "lobby", null));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("EditMessage", "no-such-room", id, "x"));
        await room.CreateRoomAsync(alice.User, "alices-own", isPrivate: true);
        await HubErrors.AssertRefusedAsync("forbidden", () => bob.InvokeAsync<JsonElement>("DeleteMessage", "alices-own", id));
        // The message exists in the lobby only.
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("DeleteMessage", "alices-own", id));

        var history = await bob.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 10);
        Assert.Equal("original", Assert.Single(history).GetProperty("text").GetString());
        Assert.False(history[0].GetProperty("deleted").GetBoolean());
        Assert.Empty(bob.OfType("messageChange"));
    }
}
