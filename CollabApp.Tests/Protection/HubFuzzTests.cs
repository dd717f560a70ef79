using System.Text.Json;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.Tests.Protection;

/// <summary>
/// Thousands of malformed calls to every hub method: each is refused with a protocol code (or SignalR's
/// own binding error for wrong types), the connection stays usable, and the room is exactly as before.
/// </summary>
public sealed class HubFuzzTests
{
    private const int Calls = 2500;
    private static readonly string[] Codes = ["invalid: ", "forbidden: ", "not-found: ", "too-large: "];

    [Fact]
    public async Task MalformedArguments_AreRefusedClearly_AndChangeNothing()
    {
        var seed = Environment.GetEnvironmentVariable("COLLAB_FUZZ_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Collab:Limits:CallsPerSecond"] = "100000",
            ["Collab:Limits:CallBurst"] = "100000",
        });
        var owner = await room.RegisterAsync();
        await room.CreateRoomAsync(owner, "private-room", isPrivate: true);
        var client = await room.JoinAsync(await room.RegisterAsync());
        await client.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "existing");
        var todo = Guid.NewGuid().ToString();
        await client.InvokeAsync<JsonElement>("AddTodo", "lobby", todo, "existing");
        await client.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, JsonDocument.Parse("[\"a\\ud83d\\ude00b\"]").RootElement, Guid.NewGuid().ToString());
        var before = await SnapshotAsync(client);

        for (var i = 0; i < Calls; i++)
        {
            var (method, args) = MalformedCall(random, todo);
            var call = $"seed {seed}, call {i}: {method}({string.Join(", ", args.Select(Describe))})";
            var error = await Record.ExceptionAsync(() => client.Connection.InvokeCoreAsync(method, typeof(object), args).WaitAsync(HubClient.Timeout)) as HubException
                ?? throw new Xunit.Sdk.XunitException($"{call} was not refused with a HubException");
            var isProtocolCode = Codes.Any(code => error.Message.Contains("HubException: " + code, StringComparison.Ordinal));
            var isBindingError = error.Message.Contains("Failed to invoke", StringComparison.Ordinal) && !error.Message.Contains("HubException: unavailable", StringComparison.Ordinal);
            Assert.True(isProtocolCode || isBindingError, $"{call} -> {error.Message}");
            Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
            Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        }

        var after = await SnapshotAsync(client);
        Assert.Equal(before, after);
    }

    private static async Task<string> SnapshotAsync(HubClient client)
    {
        var state = (await client.InvokeAsync<JsonElement>("JoinRoom", "lobby", null)).GetProperty("state");
        // Presence timestamps move with every refresh; everything durable must be identical.
        return state.GetProperty("messages").GetRawText() + state.GetProperty("todos").GetRawText() + state.GetProperty("document").GetRawText();
    }

    private static (string Method, object?[] Args) MalformedCall(Random random, string todo)
    {
        var room = Pick(random, ["private-room", "no-such-room", "Bad Room", "", new string('r', 65), "lobby"]);
        var validRoom = room == "lobby";
        var id = validRoom ? BadId(random) : Guid.NewGuid().ToString();
        return random.Next(13) switch
        {
            0 => ("SendMessage", [room, id, validRoom ? Pick(random, ["", "   ", new string('x', 4001)]) : "hi"]),
            1 => ("GetMessages", [room, validRoom ? Pick(random, ["not-an-id", new string('b', 200)]) : null, validRoom ? Pick<object>(random, [0, -1, 101, int.MinValue]) : 10]),
            2 => ("AddTodo", [room, id, validRoom ? Pick(random, ["", " ", new string('t', 501)]) : "t"]),
            3 => ("UpdateTodo", [room, validRoom ? Pick(random, [todo, Guid.NewGuid().ToString(), "x"]) : todo, null, validRoom ? Pick<object>(random, [new { }, new { title = "" }, new { title = new string('t', 501) }]) : new { done = true }]),
            4 => ("MoveTodo", [room, validRoom ? Pick(random, [Guid.NewGuid().ToString(), "nope"]) : todo, null]),
            5 => ("DeleteTodo", [room, validRoom ? "not-a-uuid" : todo, null]),
            6 => ("SubmitOperation", [room, validRoom ? Pick<object>(random, [1, 1, 7, -3]) : 1, JsonDocument.Parse(validRoom ? BadOp(random) : "[4, \"x\"]").RootElement, Guid.NewGuid().ToString()]),
            7 => ("UpdateCursor", [room, validRoom ? 99 : 1, validRoom ? -5 : 0, 0]),
            8 => ("SetStatus", [Pick(random, ["offline", "", "ONLINE", null, new string('s', 300)])]),
            9 => ("JoinRoom", [validRoom ? "private-room" : room, Pick(random, [null, "1-0", "garbage"])]),
            10 => ("SendMessage", [room, id, random.Next(2) == 0 ? 42 : new[] { 1, 2 }]),
            11 => ("GetOnline", [validRoom ? "private-room" : room]),
            _ => ("Typing", [validRoom ? "no-such-room" : room]),
        };
    }

    private static string BadId(Random random) => Pick(random, ["", "x", "not-a-uuid", new string('9', 80), "{}", "00000000-0000-0000-0000"]);

    private static string BadOp(Random random) => Pick(random,
    [
        "[]", "[0]", "[\"\"]", "[1.5]", "[4, 1]", "[-5]", "[3, \"x\"]", "[1, -1, 2]", "null", "{}", "\"text\"",
        "[[1]]", "[true]", "[99999999999]", "[4, -1]", "[\"x\", 4, -1]",
    ]);

    private static T Pick<T>(Random random, T[] options) => options[random.Next(options.Length)];

    private static string Describe(object? arg) => arg switch
    {
        null => "null",
        string s when s.Length > 20 => $"\"{s[..10]}…\"({s.Length})",
        string s => $"\"{s}\"",
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(arg),
    };
}
