using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// Chat fan-out: C clients, round-robin over the URLs and over R rooms, all joined; one pacing loop sends
/// messages at a fixed total rate, each from the next client in turn, for a bounded duration. The send time
/// (this process's Stopwatch) travels in the text, so every receiver measures end-to-end latency on one clock.
/// Loss = deliveries expected (members of the room for every acknowledged measured message) minus received.
/// </summary>
internal static class FanoutMode
{
    private const string Tag = "bench";

    public static async Task<object> RunAsync(Server server, Options options, string runId, CancellationToken cancellationToken)
    {
        var clientCount = options.Int("clients", 20);
        var roomCount = options.Int("rooms", 4);
        var rate = options.Double("rate", 100);
        var duration = TimeSpan.FromSeconds(Math.Min(options.Double("duration", 20), 600));
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 2));
        var drain = TimeSpan.FromSeconds(options.Double("drain", 5));
        var maxInFlight = options.Int("max-in-flight", 2000);
        var slowReaderCount = options.Int("slow-readers", 0);
        if (clientCount < 1 || roomCount < 1 || roomCount > clientCount || rate <= 0)
        {
            throw new ArgumentException("need clients >= rooms >= 1 and rate > 0");
        }
        var rooms = Enumerable.Range(0, roomCount).Select(r => $"b{runId}-room{r}").ToArray();
        var received = new long[1];
        var duplicates = new long[1];
        var seen = new ConcurrentDictionary<(int Client, long Seq), byte>();
        var latency = new Percentiles();
        var clients = new List<HubConnection>();
        var members = new int[roomCount];

        Console.Error.WriteLine($"fanout: {clientCount} clients, {roomCount} rooms, {rate} msg/s for {duration.TotalSeconds} s over {string.Join(", ", server.Urls)}");
        var tokens = new string?[clientCount];
        for (var i = 0; i < clientCount; i++)
        {
            tokens[i] = await server.NewUserTokenAsync(i, cancellationToken);
        }
        foreach (var room in rooms)
        {
            await server.CreateRoomAsync(tokens[0]!, room, cancellationToken);
        }
        for (var i = 0; i < clientCount; i++)
        {
            var me = i;
            var connection = await server.ConnectAsync(i, tokens[i], cancellationToken, c => c.On<JsonElement>("roomEvent", envelope =>
            {
                if (!TryParse(envelope, out var sequence, out var sentAt, out var measured))
                {
                    return;
                }
                var now = Stopwatch.GetTimestamp();
                if (!seen.TryAdd((me, sequence), 0))
                {
                    Interlocked.Increment(ref duplicates[0]);
                    return;
                }
                if (measured)
                {
                    Interlocked.Increment(ref received[0]);
                    latency.Add(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
                }
            }));
            await connection.InvokeAsync<JsonElement>("JoinRoom", rooms[i % roomCount], null, cancellationToken);
            members[i % roomCount]++;
            clients.Add(connection);
        }

        // Readers that join and never read (0 by default); the others' latency is what is measured.
        await using var slowReaders = await SlowReaders.OpenAsync(server, rooms, slowReaderCount, clientCount, cancellationToken);

        var sendLatency = new Percentiles();
        long acked = 0, failed = 0, expected = 0, sentMeasured = 0;
        var errors = new ConcurrentDictionary<string, int>();
        using var inFlight = new SemaphoreSlim(maxInFlight);
        var pending = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var total = (long)Math.Floor(rate * (warmup + duration).TotalSeconds);
        for (long k = 0; k < total && !cancellationToken.IsCancellationRequested; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }
            var sender = (int)(k % clientCount);
            var room = sender % roomCount;
            var measured = due >= warmup;
            if (!await inFlight.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken))
            {
                throw new TimeoutException("too many sends in flight: the server is not keeping up");
            }
            var sentAt = Stopwatch.GetTimestamp();
            var text = string.Create(CultureInfo.InvariantCulture, $"{Tag}|{sender}|{k}|{sentAt}|{(measured ? 1 : 0)}");
            if (measured)
            {
                sentMeasured++;
            }
            pending.Add(SendAsync(clients[sender], rooms[room], text, sentAt, measured, members[room]));
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var drainUntil = Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref received[0]) < Interlocked.Read(ref expected) && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(50, cancellationToken);
        }
        var measuredSeconds = Math.Max(0.001, sendSeconds - warmup.TotalSeconds);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
        var deliveries = Interlocked.Read(ref received[0]);
        return new
        {
            mode = "fanout",
            clients = clientCount,
            slowReaders = slowReaders.Count,
            rooms = roomCount,
            instances = server.Urls.Select(u => u.ToString()).ToArray(),
            targetRate = rate,
            durationSeconds = duration.TotalSeconds,
            warmupSeconds = warmup.TotalSeconds,
            sent = sentMeasured,
            acked,
            failed,
            errors,
            sendRatePerSecond = Math.Round(sentMeasured / measuredSeconds, 1),
            expectedDeliveries = expected,
            deliveries,
            duplicates = Interlocked.Read(ref duplicates[0]),
            loss = expected - deliveries,
            lossRatio = expected == 0 ? 0 : Math.Round((double)(expected - deliveries) / expected, 6),
            deliveredPerSecond = Math.Round(deliveries / measuredSeconds, 1),
            endToEndLatency = latency.Summary(),
            sendAckLatency = sendLatency.Summary(),
        };

        async Task SendAsync(HubConnection connection, string room, string text, long sentAt, bool measured, int roomMembers)
        {
            try
            {
                await connection.InvokeAsync<JsonElement>("SendMessage", room, Guid.NewGuid().ToString(), text, cancellationToken);
                if (measured)
                {
                    Interlocked.Increment(ref acked);
                    Interlocked.Add(ref expected, roomMembers);
                    sendLatency.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                var code = e.Message.Length > 80 ? e.Message[..80] : e.Message;
                errors.AddOrUpdate(code, 1, (_, n) => n + 1);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    // data.text = "bench|<sender>|<seq>|<stopwatch ticks>|<measured 0/1>"
    private static bool TryParse(JsonElement envelope, out long sequence, out long sentAt, out bool measured)
    {
        sequence = 0;
        sentAt = 0;
        measured = false;
        if (!envelope.TryGetProperty("type", out var type) || type.GetString() != "message"
            || !envelope.TryGetProperty("data", out var data) || !data.TryGetProperty("text", out var textElement))
        {
            return false;
        }
        var parts = (textElement.GetString() ?? string.Empty).Split('|');
        if (parts.Length != 5 || parts[0] != Tag)
        {
            return false;
        }
        sequence = long.Parse(parts[2], CultureInfo.InvariantCulture);
        sentAt = long.Parse(parts[3], CultureInfo.InvariantCulture);
        measured = parts[4] == "1";
        return true;
    }
}
