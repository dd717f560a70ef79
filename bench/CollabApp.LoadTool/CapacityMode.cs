using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// Capacity (issue 13): C clients round-robin over the URLs, client i in room i % R, every client sending. The
/// per-client rate starts at <c>--start-rate</c> and is multiplied by <c>--factor</c> every <c>--step</c> seconds
/// until a step breaks: p99 send-to-delivery above <c>--p99-limit</c> ms, a delivery lost, or a send failed.
/// Steps run back to back; after each step's sending the tool waits (at most <c>--drain</c> s) for that step's
/// acknowledgements and deliveries before judging it, so a step is judged on all of its own messages and
/// nothing else. Latency is measured from the moment a message was due, not from when the tool got round to
/// sending it, so a generator that falls behind shows as latency instead of hiding it (coordinated omission).
/// CPU seconds of each process in <c>--procs</c> and of the tool itself are sampled over each step's sending.
/// bench/socketio/capacity-client.js is the same algorithm for Socket.IO and writes the same JSON.
/// </summary>
internal static class CapacityMode
{
    private const string Tag = "cap";

    public static async Task<object> RunAsync(Server server, Options options, string runId, CancellationToken cancellationToken)
    {
        var loadBefore = ProcessCpu.LoadAverage();
        var idleBusy = await MachineBusyAsync(cancellationToken);
        var clientCount = options.Int("clients", 100);
        var roomCount = options.Int("rooms", 20);
        var startRate = options.Double("start-rate", 1);
        var factor = options.Double("factor", 1.5);
        var stepTime = TimeSpan.FromSeconds(Math.Min(options.Double("step", 10), 120));
        var warmupTime = TimeSpan.FromSeconds(Math.Min(options.Double("warmup", 5), 120));
        var drain = TimeSpan.FromSeconds(options.Double("drain", 10));
        var p99Limit = options.Double("p99-limit", 100);
        var maxSteps = Math.Min(options.Int("max-steps", 20), 40);
        var maxInFlight = options.Int("max-in-flight", 100_000);
        var cpu = ProcessCpu.FromOption(options.OptionalString("procs"));
        if (clientCount < 1 || roomCount < 1 || clientCount % roomCount != 0 || startRate <= 0 || factor <= 1)
        {
            throw new ArgumentException("need clients a multiple of rooms, start-rate > 0 and factor > 1");
        }
        var membersPerRoom = clientCount / roomCount;
        var rooms = Enumerable.Range(0, roomCount).Select(r => $"c{runId}-room{r}").ToArray();
        // steps[0] is the warm-up; a message names its step by that index.
        var steps = new CapacityStep?[maxSteps + 1];

        Console.Error.WriteLine($"capacity: {clientCount} clients in {roomCount} rooms over {string.Join(", ", server.Urls)}; {startRate}/s per client x{factor} every {stepTime.TotalSeconds} s");
        var tokens = new string?[clientCount];
        for (var i = 0; i < clientCount; i++)
        {
            tokens[i] = await server.NewUserTokenAsync(i, cancellationToken);
        }
        foreach (var room in rooms)
        {
            await server.CreateRoomAsync(tokens[0]!, room, cancellationToken);
        }
        var clients = new List<HubConnection>();
        for (var i = 0; i < clientCount; i++)
        {
            var member = i / roomCount;
            var connection = await server.ConnectAsync(i, tokens[i], cancellationToken, c => c.On<JsonElement>("roomEvent", envelope =>
            {
                var now = Stopwatch.GetTimestamp();
                if (TryParse(envelope, out var stepIndex, out var message, out var due) && stepIndex >= 0 && stepIndex < steps.Length
                    && Volatile.Read(ref steps[stepIndex]) is { } step)
                {
                    step.Delivered(message, member, Stopwatch.GetElapsedTime(due, now).TotalMilliseconds);
                }
            }));
            await connection.InvokeAsync<JsonElement>("JoinRoom", rooms[i % roomCount], null, cancellationToken);
            clients.Add(connection);
        }

        using var inFlight = new SemaphoreSlim(maxInFlight);
        var (warmup, _, _, _) = await RunStepAsync(0, startRate, warmupTime);
        Console.Error.WriteLine($"capacity: warm-up {warmup.Deliveries}/{warmup.Expected} deliveries, p99 {warmup.Latency.Summary().P99Ms} ms");
        var results = new List<StepResult>();
        for (var s = 1; s <= maxSteps && !cancellationToken.IsCancellationRequested; s++)
        {
            var rate = Math.Round(startRate * Math.Pow(factor, s - 1), 3);
            var before = cpu.Take();
            var (step, sendSeconds, cpuAfter, unacknowledged) = await RunStepAsync(s, rate, stepTime);
            var result = Judge(step, clientCount, sendSeconds, ProcessCpu.Between(before, cpuAfter), unacknowledged, p99Limit);
            results.Add(result);
            Console.Error.WriteLine($"capacity: step {s} {rate}/s per client: {result.MessagesPerSecond} msg/s, {result.DeliveriesPerSecond} deliveries/s, p50 {result.Latency.P50Ms} p99 {result.Latency.P99Ms} ms, loss {result.Loss}, failed {result.Failed}{(result.Held ? string.Empty : " -> broke: " + string.Join(", ", result.BrokeBy))}");
            if (!result.Held)
            {
                break;
            }
        }
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
        var held = results.LastOrDefault(r => r.Held);
        var broke = results.FirstOrDefault(r => !r.Held);
        return new
        {
            mode = "capacity",
            generator = "CollabApp.LoadTool (.NET, Microsoft.AspNetCore.SignalR.Client, JSON protocol, WebSockets)",
            clients = clientCount,
            rooms = roomCount,
            instances = server.Urls.Select(u => u.ToString()).ToArray(),
            startRatePerClient = startRate,
            factor,
            stepSeconds = stepTime.TotalSeconds,
            warmupSeconds = warmupTime.TotalSeconds,
            drainSeconds = drain.TotalSeconds,
            p99LimitMs = p99Limit,
            loadavgBefore = loadBefore,
            machineBusyPercentBefore = idleBusy,
            loadavgAfter = ProcessCpu.LoadAverage(),
            highestHeld = held is null ? null : new { held.Step, held.RatePerClient, held.MessagesPerSecond, held.DeliveriesPerSecond, held.Latency.P50Ms, held.Latency.P99Ms },
            broke = broke is null ? null : new { broke.Step, broke.RatePerClient, broke.BrokeBy, broke.Latency.P99Ms, broke.Loss, broke.Failed, broke.Unacknowledged },
            steps = results,
        };

        // Sends one step's messages at clients x rate per second, message k from client k % C, then waits for
        // the step's acknowledgements and deliveries. Returns the CPU sample taken when the sending ended.
        async Task<(CapacityStep Step, double SendSeconds, ProcessCpu.Sample CpuAfter, long Unacknowledged)> RunStepAsync(int index, double rate, TimeSpan length)
        {
            var total = rate * clientCount;
            var count = (long)Math.Round(total * length.TotalSeconds);
            var step = new CapacityStep(index, rate, count, membersPerRoom);
            Volatile.Write(ref steps[index], step);
            var pending = new List<Task>((int)Math.Min(count, 1_000_000));
            var start = Stopwatch.GetTimestamp();
            for (long k = 0; k < count && !cancellationToken.IsCancellationRequested; k++)
            {
                var due = start + (long)(k / total * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }
                await inFlight.WaitAsync(cancellationToken);
                var sender = (int)(k % clientCount);
                var text = string.Create(CultureInfo.InvariantCulture, $"{Tag}|{index}|{k}|{due}");
                pending.Add(SendAsync(clients[sender], rooms[sender % roomCount], text, due, step));
            }
            var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpuAfter = cpu.Take();
            var deadline = Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * Stopwatch.Frequency);
            try
            {
                await Task.WhenAll(pending).WaitAsync(drain, cancellationToken);
            }
            catch (TimeoutException)
            {
                // judged below: sends neither acknowledged nor failed by the deadline count as failed
            }
            while (step.Deliveries < step.Expected && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20, cancellationToken);
            }
            return (step, sendSeconds, cpuAfter, pending.Count - step.Acked - step.Failed);
        }

        async Task SendAsync(HubConnection connection, string room, string text, long due, CapacityStep step)
        {
            try
            {
                await connection.InvokeAsync<JsonElement>("SendMessage", room, Guid.NewGuid().ToString(), text, cancellationToken);
                step.Acknowledged(membersPerRoom, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                step.Failure(e.Message);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    // The machine's busy share over 3 s before any load: the servers are up and idle, so this is the other work
    // sharing the machine (loadavg's 1-minute average still carries the previous run).
    private static async Task<double> MachineBusyAsync(CancellationToken cancellationToken)
    {
        var none = new ProcessCpu([]);
        var before = none.Take();
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        return ProcessCpu.Between(before, none.Take()).MachineBusyPercent;
    }

    private static StepResult Judge(CapacityStep step, int clientCount, double sendSeconds, (Dictionary<string, double> Seconds, double MachineBusyPercent) cpu, long unacknowledged, double p99Limit)
    {
        var latency = step.Latency.Summary();
        var loss = step.Expected - step.Deliveries;
        var brokeBy = new List<string>();
        if (step.Failed > 0 || unacknowledged > 0)
        {
            brokeBy.Add("failure");
        }
        if (loss > 0)
        {
            brokeBy.Add("loss");
        }
        if (latency.P99Ms is not { } p99 || p99 > p99Limit)
        {
            brokeBy.Add("latency");
        }
        var seconds = Math.Max(0.001, sendSeconds);
        return new StepResult(
            step.Index,
            step.RatePerClient,
            Math.Round(step.RatePerClient * clientCount, 1),
            step.Messages,
            step.Acked,
            step.Failed,
            unacknowledged,
            new Dictionary<string, int>(step.Errors, StringComparer.Ordinal),
            Math.Round(step.Acked / seconds, 1),
            step.Expected,
            step.Deliveries,
            step.Duplicates,
            loss,
            Math.Round(step.Deliveries / seconds, 1),
            Math.Round(sendSeconds, 3),
            latency,
            step.AckLatency.Summary(),
            cpu.Seconds,
            cpu.MachineBusyPercent,
            brokeBy.Count == 0,
            brokeBy);
    }

    // data.text = "cap|<step>|<message in step>|<Stopwatch ticks when due>"
    private static bool TryParse(JsonElement envelope, out int step, out long message, out long due)
    {
        step = 0;
        message = 0;
        due = 0;
        if (!envelope.TryGetProperty("type", out var type) || type.GetString() != "message"
            || !envelope.TryGetProperty("data", out var data) || !data.TryGetProperty("text", out var textElement))
        {
            return false;
        }
        var parts = (textElement.GetString() ?? string.Empty).Split('|');
        return parts.Length == 4 && parts[0] == Tag
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out step)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out message)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out due);
    }

    private sealed record StepResult(
        int Step,
        double RatePerClient,
        double TargetMessagesPerSecond,
        long Sent,
        long Acked,
        long Failed,
        long Unacknowledged,
        Dictionary<string, int> Errors,
        double MessagesPerSecond,
        long ExpectedDeliveries,
        long Deliveries,
        long Duplicates,
        long Loss,
        double DeliveriesPerSecond,
        double SendSeconds,
        LatencySummary Latency,
        LatencySummary AckLatency,
        Dictionary<string, double> CpuSeconds,
        double MachineBusyPercent,
        bool Held,
        List<string> BrokeBy);
}
