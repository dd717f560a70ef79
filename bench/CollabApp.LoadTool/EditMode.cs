using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CollabApp.Bench;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// Editing through the hub. Phase 1: one OT client replays the first N trace edits into a new room's document
/// as fast as it can (or at <c>--edit-rate</c>), composing while it awaits acks, and the result is checked
/// against a local replay. Phase 2: T clients, round-robin over the URLs, type random keystrokes into one
/// document at <c>--typing-rate</c> each for <c>--typing-duration</c> seconds; all copies must converge. With
/// <c>--typing-phases together</c> (the default, as every earlier run) the typists keep one beat, so all of them press a
/// key in the same millisecond: the worst case for one document. With <c>spread</c> each typist's beat starts at a
/// random point of the first interval (seeded by the typist), as people who type independently would.
/// </summary>
internal static class EditMode
{
    public static async Task<object> RunAsync(Server server, Options options, string runId, CancellationToken cancellationToken)
    {
        if (server.NoAuth)
        {
            throw new ArgumentException("edit mode needs the product (SubmitOperation); the baseline has no documents");
        }
        // Checked before the replay, so a mistyped option costs nothing.
        var phases = options.String("typing-phases", "together");
        if (phases is not ("together" or "spread"))
        {
            throw new ArgumentException("--typing-phases is together or spread");
        }
        var edits = EditTrace.Load(options.Int("edits", 5000), options.OptionalString("trace"));
        var redis = RoundTripFloor.Endpoint(options);
        var replay = await ReplayAsync(server, edits, options.Double("edit-rate", 0), runId, cancellationToken);
        var typing = await TypingAsync(server, options.Int("typists", 10), options.Double("typing-rate", 5),
            TimeSpan.FromSeconds(Math.Min(options.Double("typing-duration", 15), 300)), phases == "spread", runId, redis, cancellationToken);
        return new { mode = "edit", instances = server.Urls.Select(u => u.ToString()).ToArray(), replay, typing };
    }

    private static async Task<object> ReplayAsync(Server server, IReadOnlyList<TraceEdit> edits, double rate, string runId, CancellationToken cancellationToken)
    {
        var room = $"b{runId}-trace";
        var token = await server.NewUserTokenAsync(1000, cancellationToken);
        await server.CreateRoomAsync(token!, room, cancellationToken);
        await using var connection = await server.ConnectAsync(0, token, cancellationToken);
        var ackLatency = new Percentiles();
        var client = new OtClient(connection, room, ackLatency);
        await client.StartAsync(cancellationToken);
        Console.Error.WriteLine($"edit: replaying {edits.Count} trace edits into {room} on {server.Urls[0]}");

        var expected = new StringBuilder();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < edits.Count; i++)
        {
            if (rate > 0)
            {
                var wait = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }
            var (position, delete, text) = edits[i];
            client.Edit(position, delete, text);
            expected.Remove(position, delete).Insert(position, text);
        }
        var localSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await client.WaitSynchronizedAsync(TimeSpan.FromSeconds(120));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var server_ = await connection.InvokeAsync<JsonElement>("OpenDocument", room, cancellationToken);
        var serverText = server_.GetProperty("text").GetString();
        var latency = ackLatency.Summary();
        return new
        {
            room,
            edits = edits.Count,
            pacedRatePerSecond = rate,
            submits = client.Submits,
            acks = client.Acks,
            rateLimitedRetries = client.RateLimited,
            errors = client.Errors,
            localApplySeconds = Math.Round(localSeconds, 3),
            secondsToLastAck = Math.Round(seconds, 3),
            editsCommittedPerSecond = Math.Round(edits.Count / seconds, 1),
            submitsPerSecond = Math.Round(client.Submits / seconds, 1),
            editsPerSubmit = Math.Round((double)edits.Count / Math.Max(1, client.Submits), 1),
            submitToAck = latency,
            oneRoundTripPerEditSeconds = latency.P50Ms is { } p50 ? Math.Round(edits.Count * p50 / 1000, 3) : (double?)null,
            finalRevision = server_.GetProperty("revision").GetInt32(),
            finalLength = serverText?.Length,
            matchesLocalReplay = serverText == expected.ToString() && client.Text == serverText,
        };
    }

    private static async Task<object> TypingAsync(
        Server server, int typists, double rate, TimeSpan duration, bool spread, string runId, System.Net.IPEndPoint redis, CancellationToken cancellationToken)
    {
        var room = $"b{runId}-typing";
        var ackLatency = new Percentiles();
        var connections = new List<HubConnection>();
        var clients = new List<OtClient>();
        for (var i = 0; i < typists; i++)
        {
            var token = await server.NewUserTokenAsync(2000 + i, cancellationToken);
            if (i == 0)
            {
                await server.CreateRoomAsync(token!, room, cancellationToken);
            }
            var connection = await server.ConnectAsync(i, token, cancellationToken);
            var client = new OtClient(connection, room, ackLatency);
            await client.StartAsync(cancellationToken);
            connections.Add(connection);
            clients.Add(client);
        }
        // The hop's floor with the typists connected but idle, then again while they type: as many probers at their pace.
        var hopFloorIdle = await RoundTripFloor.MeasureAsync(redis, typists, rate, duration, cancellationToken);
        Console.Error.WriteLine($"edit: {typists} typists at {rate}/s each for {duration.TotalSeconds} s in {room}");
        var callsBefore = await DocumentLogCalls.ReadAsync(server.Urls, cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var hopFloorWhileTyping = RoundTripFloor.MeasureAsync(redis, typists, rate, duration, cancellationToken);
        var edits = await Task.WhenAll(clients.Select((client, i) =>
        {
            var random = new Random(i);
            var phase = spread ? TimeSpan.FromSeconds(random.NextDouble() / rate) : TimeSpan.Zero;
            return TypeAsync(client, random, rate, phase, duration, cancellationToken);
        }));
        var typedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var synchronized = true;
        try
        {
            await Task.WhenAll(clients.Select(c => c.WaitSynchronizedAsync(TimeSpan.FromSeconds(30))));
        }
        catch (TimeoutException)
        {
            synchronized = false;
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var state = await connections[0].InvokeAsync<JsonElement>("OpenDocument", room, cancellationToken);
        var head = state.GetProperty("revision").GetInt32();
        // Every client has seen every op once its revision reaches the head.
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (clients.Any(c => c.Revision < head) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
        var text = state.GetProperty("text").GetString();
        var converged = clients.All(c => c.Text == text);
        var callsAfter = await DocumentLogCalls.ReadAsync(server.Urls, cancellationToken);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
        return new
        {
            room,
            typists,
            instances = Math.Min(typists, server.Urls.Count),
            ratePerTypist = rate,
            phases = spread ? "spread" : "together",
            durationSeconds = duration.TotalSeconds,
            edits = edits.Sum(),
            submits = clients.Sum(c => c.Submits),
            acks = clients.Sum(c => c.Acks),
            rateLimitedRetries = clients.Sum(c => c.RateLimited),
            errors = clients.SelectMany(c => c.Errors).Take(20).ToArray(),
            commitsPerSecond = Math.Round(head / seconds, 1),
            editsPerSecond = Math.Round(edits.Sum() / typedSeconds, 1),
            submitToAck = ackLatency.Summary(),
            redisPingIdle = hopFloorIdle,
            redisPingWhileTyping = await hopFloorWhileTyping,
            documentLogCallsPerAck = DocumentLogCalls.PerUnit(callsBefore, callsAfter, clients.Sum(c => c.Acks)),
            finalRevision = head,
            finalLength = text?.Length,
            synchronized,
            converged,
        };
    }

    // Keystrokes at random places: 80% insert a letter, 20% delete one unit (when there is any); the first after phase.
    private static async Task<int> TypeAsync(OtClient client, Random random, double rate, TimeSpan phase, TimeSpan duration, CancellationToken cancellationToken)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp() + (long)(phase.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            var length = client.Length;
            if (length > 0 && random.NextDouble() < 0.2)
            {
                client.Edit(random.Next(length), 1, string.Empty);
            }
            else
            {
                client.Edit(random.Next(length + 1), 0, ((char)('a' + random.Next(26))).ToString());
            }
        }
        return count;
    }
}
