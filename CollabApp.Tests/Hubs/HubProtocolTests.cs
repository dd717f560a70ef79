using System.Text.Json;
using System.Text.Json.Nodes;
using CollabApp.Tests.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// The hub under both protocols a client may negotiate (docs/protocol.md): the same calls, results, events and
/// refusals, with values of the same shape (camelCase keys, the same field names, timestamps as strings).
/// </summary>
public sealed class HubProtocolTests
{
    [Theory]
    [InlineData(AppMode.Embedded, HubWireProtocol.Json)]
    [InlineData(AppMode.Embedded, HubWireProtocol.MessagePack)]
    [InlineData(AppMode.Scaled, HubWireProtocol.Json)]
    [InlineData(AppMode.Scaled, HubWireProtocol.MessagePack)]
    public async Task JoinSendReceiveAndRefusals_WorkAlikeUnderEitherProtocol(AppMode mode, HubWireProtocol protocol)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync(), protocol: protocol);
        var bobUser = await room.RegisterAsync();
        var bob = await room.ConnectAsync(bobUser, protocol: protocol);
        var before = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "before");

        var joined = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        Assert.False(joined.GetProperty("resumed").GetBoolean());
        Assert.Equal(before.GetProperty("eventId").GetString(), joined.GetProperty("lastEventId").GetString());
        Assert.Equal("lobby", joined.GetProperty("state").GetProperty("roomId").GetString());
        var sent = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "hello");
        var received = await bob.WaitForAsync("message", d => d.GetProperty("text").GetString() == "hello", "the message");
        var envelope = received.Single(e => e.GetProperty("type").GetString() == "message");
        Assert.Equal(sent.GetProperty("eventId").GetString(), envelope.GetProperty("eventId").GetString());
        Assert.Equal("lobby", envelope.GetProperty("roomId").GetString());
        Assert.True(DateTimeOffset.TryParse(envelope.GetProperty("at").GetString(), out _), "at is an ISO-8601 string");
        Assert.Equal(alice.User.UserId, envelope.GetProperty("data").GetProperty("userId").GetString());

        var history = await bob.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 10);
        Assert.Equal(["before", "hello"], history.Select(m => m.GetProperty("text").GetString()));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), " "));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("JoinRoom", "no-such-room", null));

        // Resuming from where the first join stood replays exactly what came after it.
        var resumed = await room.ConnectAsync(bobUser, protocol: protocol);
        var resume = await resumed.InvokeAsync<JsonElement>("JoinRoom", "lobby", joined.GetProperty("lastEventId").GetString());
        Assert.True(resume.GetProperty("resumed").GetBoolean());
        var replayed = await resumed.WaitForAsync("message", d => d.GetProperty("text").GetString() == "hello", "the replayed message");
        Assert.Equal(["hello"], replayed.Where(e => e.GetProperty("type").GetString() == "message").Select(e => e.GetProperty("data").GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData(HubWireProtocol.Json)]
    [InlineData(HubWireProtocol.MessagePack)]
    public async Task OperationsAndTodoPatches_TakeTheirJsonShapedArguments_UnderEitherProtocol(HubWireProtocol protocol)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync(), protocol: protocol);
        var bob = await room.JoinAsync(await room.RegisterAsync(), protocol: protocol);

        var first = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"hello\"]"), Guid.NewGuid().ToString());
        var second = await bob.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, Json("[-1, \"H\", 4]"), Guid.NewGuid().ToString());
        var todo = Guid.NewGuid().ToString();
        await alice.InvokeAsync<JsonElement>("AddTodo", "lobby", todo, "Buy milk");
        var done = await bob.InvokeAsync<JsonElement>("UpdateTodo", "lobby", todo, null, new { done = true });

        Assert.Equal(1, first.GetProperty("revision").GetInt32());
        Assert.Equal(2, second.GetProperty("revision").GetInt32());
        Assert.True(done.GetProperty("item").GetProperty("done").GetBoolean());
        var events = await alice.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "operation") >= 2, "both operations");
        Assert.Equal("[\"H\",-1,4]", events.Where(e => e.GetProperty("type").GetString() == "operation").Last().GetProperty("data").GetProperty("op").GetRawText());
        var document = await alice.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        Assert.Equal("Hello", document.GetProperty("text").GetString());
        // A malformed operation is refused with the protocol's code under either protocol, not as a binding failure.
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 2, Json("[{\"x\": 1}]"), Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task AJsonAndAMessagePackClientOnTwoInstances_ReceiveEveryEventWithTheSameMeaning()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, instances: 2);
        var json = await room.JoinAsync(await room.RegisterAsync(), instance: 0, protocol: HubWireProtocol.Json);
        var messagePack = await room.JoinAsync(await room.RegisterAsync(), instance: 1, protocol: HubWireProtocol.MessagePack);

        await json.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "from json");
        await messagePack.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "from messagepack");
        await messagePack.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"héllo ✓\"]"), Guid.NewGuid().ToString());
        await json.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), "todo");
        await json.InvokeAsync("Typing", "lobby");

        static bool AllArrived(IReadOnlyList<JsonElement> events) =>
            events.Count(e => e.GetProperty("type").GetString() == "message") == 2
            && events.Any(e => e.GetProperty("type").GetString() == "operation")
            && events.Any(e => e.GetProperty("type").GetString() == "todo");
        var overJson = Durable(await json.WaitForEventsAsync(AllArrived, "every durable event"));
        var overMessagePack = Durable(await messagePack.WaitForEventsAsync(AllArrived, "every durable event"));

        Assert.Equal(overJson.Count, overMessagePack.Count);
        foreach (var (a, b) in overJson.Zip(overMessagePack))
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(a.GetRawText()), JsonNode.Parse(b.GetRawText())), $"{a.GetRawText()} != {b.GetRawText()}");
        }
        var operation = Assert.Single(overMessagePack, e => e.GetProperty("type").GetString() == "operation");
        Assert.Equal("héllo ✓", operation.GetProperty("data").GetProperty("op")[0].GetString());
    }

    // What a client sees that knows nothing of .NET: plain MessagePack maps with string keys, under SignalR's own
    // default decoding.
    [Fact]
    public async Task OnTheWire_AMessagePackEventIsAMapWithTheProtocolsCamelCaseKeys()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var sender = await room.JoinAsync(await room.RegisterAsync());
        var user = await room.RegisterAsync();
        await using var raw = new HubConnectionBuilder()
            .WithUrl(new Uri(room.App.First.BaseAddress, "/hubs/collab"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(user.Token))
            .AddMessagePackProtocol()
            .Build();
        var arrived = new TaskCompletionSource<Dictionary<object, object?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        raw.On<Dictionary<object, object?>>("roomEvent", envelope =>
        {
            if (Equals(envelope.GetValueOrDefault("type"), "message"))
            {
                arrived.TrySetResult(envelope);
            }
        });
        await raw.StartAsync().WaitAsync(HubClient.Timeout);

        var joined = await raw.InvokeAsync<Dictionary<object, object?>>("JoinRoom", "lobby", null).WaitAsync(HubClient.Timeout);
        await sender.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "plain");
        var envelope = await arrived.Task.WaitAsync(HubClient.Timeout);

        Assert.Equal(["resumed", "state", "lastEventId"], joined.Keys);
        Assert.Equal(["eventId", "roomId", "type", "at", "data"], envelope.Keys);
        Assert.IsType<string>(envelope["at"]);
        var data = Assert.IsType<Dictionary<object, object?>>(envelope["data"]);
        Assert.Equal("plain", data["text"]);
        Assert.Equal(sender.User.UserId, data["userId"]);
        var error = await Assert.ThrowsAsync<HubException>(() => raw.InvokeAsync<object>("SendMessage", "lobby", "not-a-uuid", "x").WaitAsync(HubClient.Timeout));
        Assert.Contains("HubException: invalid: ", error.Message, StringComparison.Ordinal);
    }

    private static List<JsonElement> Durable(IReadOnlyList<JsonElement> events) =>
        [.. events.Where(e => e.GetProperty("eventId").ValueKind == JsonValueKind.String)];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
