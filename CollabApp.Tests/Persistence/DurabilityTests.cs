using System.Text.Json;
using CollabApp.Tests.Contracts;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;

namespace CollabApp.Tests.Persistence;

/// <summary>
/// DESIGN.md "Durability": what a caller was answered for survives a restart of every instance, and (scaled)
/// Redis losing its data. Through the real app and the public hub.
/// </summary>
public sealed class DurabilityTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task ARestart_KeepsTheRoomExactlyAsItWas_AndItCarriesOn(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        var (alice, bob, roomId) = await PrivateRoomAsync(app);
        Written written;
        RoomSnapshot before;
        await using (var aliceHub = await JoinAsync(app, alice, roomId))
        await using (var bobHub = await JoinAsync(app, bob, roomId))
        {
            written = await WriteSomeOfEverythingAsync(aliceHub, bobHub, roomId, operations: 12);
            before = await RoomSnapshot.ReadAsync(aliceHub, roomId);
        }
        Assert.Equal(written.Revision, before.Revision);

        await app.RestartAsync().DefaultTimeout();

        await using var aliceAgain = await JoinAsync(app, alice, roomId);
        await using var bobAgain = await JoinAsync(app, bob, roomId);
        var after = await RoomSnapshot.ReadAsync(bobAgain, roomId);
        after.AssertSameAs(before);
        // Joining with an event id from before the restart gets everything after it: a snapshot from the
        // database when embedded (its event log lived in the process), a replay when scaled (Redis kept it).
        var rejoin = await bobAgain.InvokeAsync<JsonElement>("JoinRoom", roomId, written.FirstEventId);
        if (mode == AppMode.Embedded)
        {
            Assert.False(rejoin.GetProperty("resumed").GetBoolean());
            RoomSnapshot.From(rejoin.GetProperty("state"), before.History).AssertSameAs(before);
        }
        else
        {
            Assert.True(rejoin.GetProperty("resumed").GetBoolean());
            Assert.Equal(written.LastEventId, rejoin.GetProperty("lastEventId").GetString());
        }

        await AssertItCarriesOnAsync(aliceAgain, bobAgain, roomId, written, before);
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task ARestart_WithMoreOperationsThanTheLogRetains_LoadsTheWholeDocument(AppMode mode)
    {
        // The sequencer keeps the newest 10 operations; a snapshot is written every 100: after a restart the
        // document is the database's operations from revision 0 (there is no snapshot yet) up to the log's.
        await using var app = await TestApp.StartAsync(mode, settings: new Dictionary<string, string?>
        {
            ["Collab:Limits:RetainedOps"] = "10",
            ["Collab:Limits:CallsPerSecond"] = "100000",
            ["Collab:Limits:CallBurst"] = "100000",
        });
        var (alice, bob, roomId) = await PrivateRoomAsync(app);
        RoomSnapshot before;
        await using (var aliceHub = await JoinAsync(app, alice, roomId))
        await using (var bobHub = await JoinAsync(app, bob, roomId))
        {
            await WriteSomeOfEverythingAsync(aliceHub, bobHub, roomId, operations: 99);
            before = await RoomSnapshot.ReadAsync(aliceHub, roomId);
        }
        Assert.Equal(99, before.Revision);

        await app.RestartAsync().DefaultTimeout();

        await using var aliceAgain = await JoinAsync(app, alice, roomId);
        (await RoomSnapshot.ReadAsync(aliceAgain, roomId)).AssertSameAs(before);
    }

    [Fact]
    public async Task RedisLosingItsData_ReseedsFromTheDatabase_AndClientsGetSnapshots()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        await using var app = await TestApp.StartAsync(AppMode.Scaled, instances: 2, settings: new Dictionary<string, string?> { ["Collab:Redis:Prefix"] = prefix });
        var (alice, bob, roomId) = await PrivateRoomAsync(app);
        // Alice's instance has the document cached at its head; the other instance has loaded it too.
        await using var aliceHub = await JoinAsync(app, alice, roomId, instance: 0);
        await using var bobHub = await JoinAsync(app, bob, roomId, instance: 1);
        var written = await WriteSomeOfEverythingAsync(aliceHub, bobHub, roomId, operations: 12);
        var before = await RoomSnapshot.ReadAsync(aliceHub, roomId);
        Assert.Equal(before.Document, (await bobHub.InvokeAsync<JsonElement>("OpenDocument", roomId)).GetRawText());

        var deleted = await FlushAsync(prefix);
        Assert.True(deleted > 0, "the app stored nothing under its prefix");

        // The document is the database's, on both instances.
        Assert.Equal(before.Document, (await aliceHub.InvokeAsync<JsonElement>("OpenDocument", roomId)).GetRawText());
        Assert.Equal(before.Document, (await bobHub.InvokeAsync<JsonElement>("OpenDocument", roomId)).GetRawText());
        // An event id the streams no longer know gets a snapshot with everything.
        await using var bobOnTheOtherInstance = await JoinAsync(app, bob, roomId, instance: 0, lastEventId: written.FirstEventId, expectResumed: false);
        var rejoin = await bobHub.InvokeAsync<JsonElement>("JoinRoom", roomId, written.LastEventId);
        Assert.False(rejoin.GetProperty("resumed").GetBoolean());
        RoomSnapshot.From(rejoin.GetProperty("state"), before.History).AssertSameAs(before);

        // The first commit after the loss starts the room's stream over: no instance can show that its subscribers
        // missed nothing, so every one of them is resynchronised (a hub connection is closed; its client rejoins with
        // its last event id and gets a snapshot) rather than carrying on past a possible gap.
        // Sent from a connection that has not joined the room: the joined ones may be closed before their calls return.
        await using (var sender = await HubClient.ConnectAsync(app.Instances[0].BaseAddress, alice))
        {
            await sender.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid().ToString(), "after the loss");
        }
        await Eventually.UntilAsync(
            () => aliceHub.Connection.State == HubConnectionState.Disconnected && bobHub.Connection.State == HubConnectionState.Disconnected,
            "the room's hub connections to be resynchronised");
        await using var aliceAgain = await JoinAsync(app, alice, roomId, instance: 0, lastEventId: written.LastEventId, expectResumed: false);
        await using var bobAgain = await JoinAsync(app, bob, roomId, instance: 1, lastEventId: written.LastEventId, expectResumed: false);
        var afterTheLoss = await RoomSnapshot.ReadAsync(aliceAgain, roomId);
        Assert.Equal([.. before.MessageIds, afterTheLoss.MessageIds[^1]], afterTheLoss.MessageIds);

        await AssertItCarriesOnAsync(aliceAgain, bobAgain, roomId, written, afterTheLoss);
    }

    // Everything committed before must still be there, and new work must continue from it: the next document
    // revision, the next to-do version, retries answered with the first commit, history in order.
    private static async Task AssertItCarriesOnAsync(HubClient alice, HubClient bob, string roomId, Written written, RoomSnapshot before)
    {
        var submitted = await bob.InvokeAsync<JsonElement>("SubmitOperation", roomId, before.Revision, Json($"[{before.Length}, \"!\"]"), Guid.NewGuid().ToString());
        Assert.Equal(before.Revision + 1, submitted.GetProperty("revision").GetInt32());
        var document = await alice.InvokeAsync<JsonElement>("OpenDocument", roomId);
        Assert.Equal(before.Revision + 1, document.GetProperty("revision").GetInt32());
        Assert.Equal(before.Text + "!", document.GetProperty("text").GetString());
        await alice.WaitForAsync("operation", d => d.GetProperty("revision").GetInt32() == before.Revision + 1, "the new operation");

        var opRetry = await alice.InvokeAsync<JsonElement>("SubmitOperation", roomId, 0, Json(written.FirstOp), written.FirstClientOpId);
        Assert.Equal(1, opRetry.GetProperty("revision").GetInt32());

        var messageRetry = await alice.InvokeAsync<JsonElement>("SendMessage", roomId, written.FirstClientMessageId, "first");
        Assert.Equal(written.FirstMessageId, messageRetry.GetProperty("id").GetString());
        var later = await bob.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid().ToString(), "after");
        var history = await alice.InvokeAsync<JsonElement[]>("GetMessages", roomId, null, 100);
        Assert.Equal([.. before.MessageIds, later.GetProperty("id").GetString()], history.Select(m => m.GetProperty("id").GetString()));

        var updated = await alice.InvokeAsync<JsonElement>("UpdateTodo", roomId, written.TodoId, written.TodoVersion, new { title = "Buy bread" });
        Assert.Equal("ok", updated.GetProperty("status").GetString());
        Assert.Equal(written.TodoVersion + 1, updated.GetProperty("item").GetProperty("version").GetInt32());
        var stale = await bob.InvokeAsync<JsonElement>("UpdateTodo", roomId, written.TodoId, written.TodoVersion, new { done = false });
        Assert.Equal("conflict", stale.GetProperty("status").GetString());
        var readded = await alice.InvokeAsync<JsonElement>("AddTodo", roomId, written.DeletedTodoId, "back from the dead?");
        Assert.NotEqual("back from the dead?", readded.GetProperty("title").GetString());
        var todos = (await alice.InvokeAsync<JsonElement>("JoinRoom", roomId, null)).GetProperty("state").GetProperty("todos");
        Assert.DoesNotContain(todos.EnumerateArray(), t => t.GetProperty("id").GetString() == written.DeletedTodoId);
    }

    // A private room of alice's with bob as a member: the room directory must survive too.
    private static async Task<(TestUser Alice, TestUser Bob, string RoomId)> PrivateRoomAsync(TestApp app)
    {
        using var http = app.CreateClient();
        var alice = await TestUsers.RegisterAsync(http).DefaultTimeout();
        var bob = await TestUsers.RegisterAsync(http).DefaultTimeout();
        var roomId = "durable-" + Guid.NewGuid().ToString("N")[..8];
        (await http.SendAsync(alice.Authorized(HttpMethod.Post, "/api/rooms", new { roomId, name = "Durable", isPrivate = true })).DefaultTimeout()).EnsureSuccessStatusCode();
        (await http.SendAsync(alice.Authorized(HttpMethod.Post, $"/api/rooms/{roomId}/members", new { userName = bob.UserName })).DefaultTimeout()).EnsureSuccessStatusCode();
        return (alice, bob, roomId);
    }

    private static async Task<HubClient> JoinAsync(TestApp app, TestUser user, string roomId, int instance = 0, string? lastEventId = null, bool? expectResumed = null)
    {
        var client = await HubClient.ConnectAsync(app.Instances[instance].BaseAddress, user);
        var join = await client.InvokeAsync<JsonElement>("JoinRoom", roomId, lastEventId);
        if (expectResumed is { } resumed)
        {
            Assert.Equal(resumed, join.GetProperty("resumed").GetBoolean());
        }
        return client;
    }

    private static async Task<Written> WriteSomeOfEverythingAsync(HubClient alice, HubClient bob, string roomId, int operations)
    {
        var firstClientMessageId = Guid.NewGuid().ToString();
        var first = await alice.InvokeAsync<JsonElement>("SendMessage", roomId, firstClientMessageId, "first");
        await bob.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid().ToString(), "second \ud83d\ude00 \"quoted\"");
        await alice.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid().ToString(), "  third  ");

        var milk = Guid.NewGuid().ToString();
        var dog = Guid.NewGuid().ToString();
        var gone = Guid.NewGuid().ToString();
        await alice.InvokeAsync<JsonElement>("AddTodo", roomId, milk, "Buy milk");
        await bob.InvokeAsync<JsonElement>("AddTodo", roomId, dog, "Walk dog");
        await bob.InvokeAsync<JsonElement>("AddTodo", roomId, gone, "Gone soon");
        await bob.InvokeAsync<JsonElement>("UpdateTodo", roomId, milk, null, new { done = true });
        var milkNow = await alice.InvokeAsync<JsonElement>("UpdateTodo", roomId, milk, 2, new { title = "Buy oat milk" });
        await alice.InvokeAsync<JsonElement>("MoveTodo", roomId, dog, milk);
        await alice.InvokeAsync<JsonElement>("DeleteTodo", roomId, gone, null);

        // Appends at the end, and every few a concurrent insert at the start from bob, one revision behind
        // (transformed). Every operation adds one unit; the first adds three.
        var firstOp = "[\"a\ud83d\ude00\"]";
        var firstClientOpId = Guid.NewGuid().ToString();
        var revision = (await alice.InvokeAsync<JsonElement>("SubmitOperation", roomId, 0, Json(firstOp), firstClientOpId)).GetProperty("revision").GetInt32();
        var length = 3;
        while (revision < operations)
        {
            if (revision % 4 == 3)
            {
                revision = (await bob.InvokeAsync<JsonElement>("SubmitOperation", roomId, revision - 1, Json($"[\"<\", {length - 1}]"), Guid.NewGuid().ToString())).GetProperty("revision").GetInt32();
            }
            else
            {
                revision = (await alice.InvokeAsync<JsonElement>("SubmitOperation", roomId, revision, Json($"[{length}, \"{revision % 10}\"]"), Guid.NewGuid().ToString())).GetProperty("revision").GetInt32();
            }
            length++;
        }
        var last = await alice.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid().ToString(), "last");
        return new Written(
            first.GetProperty("id").GetString()!, firstClientMessageId, first.GetProperty("eventId").GetString()!, last.GetProperty("eventId").GetString()!,
            milk, milkNow.GetProperty("item").GetProperty("version").GetInt32(), gone,
            firstOp, firstClientOpId, revision);
    }

    // Deletes every key under the app's prefix (SCAN + DEL): Redis lost this deployment's data.
    private static async Task<int> FlushAsync(string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis).DefaultTimeout();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        var deleted = 0;
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*", pageSize: 500))
        {
            if (await database.KeyDeleteAsync(key).DefaultTimeout())
            {
                deleted++;
            }
        }
        return deleted;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private sealed record Written(
        string FirstMessageId, string FirstClientMessageId, string FirstEventId, string LastEventId,
        string TodoId, int TodoVersion, string DeletedTodoId,
        string FirstOp, string FirstClientOpId, int Revision);

    /// <summary>The durable part of a room (all but who is online), as raw JSON to compare exactly.</summary>
    private sealed record RoomSnapshot(string Room, string Messages, string Todos, string Document, string History, int Revision, string Text)
    {
        public int Length => Text.Length;

        public IReadOnlyList<string?> MessageIds => [.. JsonDocument.Parse(History).RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetString())];

        public static async Task<RoomSnapshot> ReadAsync(HubClient client, string roomId)
        {
            var join = await client.InvokeAsync<JsonElement>("JoinRoom", roomId, null);
            Assert.False(join.GetProperty("resumed").GetBoolean());
            var history = await client.InvokeAsync<JsonElement>("GetMessages", roomId, null, 100);
            var snapshot = From(join.GetProperty("state"), history.GetRawText());
            Assert.Equal(snapshot.Document, (await client.InvokeAsync<JsonElement>("OpenDocument", roomId)).GetRawText());
            return snapshot;
        }

        public static RoomSnapshot From(JsonElement state, string history)
        {
            var document = state.GetProperty("document");
            return new RoomSnapshot(
                state.GetProperty("roomId").GetRawText() + state.GetProperty("name").GetRawText(),
                state.GetProperty("messages").GetRawText(),
                state.GetProperty("todos").GetRawText(),
                document.GetRawText(),
                history,
                document.GetProperty("revision").GetInt32(),
                document.GetProperty("text").GetString()!);
        }

        public void AssertSameAs(RoomSnapshot before)
        {
            Assert.Equal(before.Room, Room);
            Assert.Equal(before.Messages, Messages);
            Assert.Equal(before.Todos, Todos);
            Assert.Equal(before.Document, Document);
            Assert.Equal(before.History, History);
        }
    }
}
