using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// Idle hub connections for the memory footprint: opens them in steps (<c>--steps 250,500,1000</c>), and after
/// each step waits <c>--settle</c> seconds and reads the server's VmRSS from /proc/&lt;pid&gt;/status
/// (<c>--server-pid</c>, a process on this machine); then holds them <c>--hold</c> seconds and closes them.
/// The connections join no room: this measures the transport and hub connection alone.
/// </summary>
internal static class IdleMode
{
    public static async Task<object> RunAsync(Server server, Options options, CancellationToken cancellationToken)
    {
        var steps = options.String("steps", options.String("connections", "1000"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var settle = TimeSpan.FromSeconds(options.Double("settle", 5));
        var hold = TimeSpan.FromSeconds(Math.Min(options.Double("hold", 0), 600));
        var pid = options.Int("server-pid", 0);
        var parallel = options.Int("parallel", 16);
        if (steps.Length == 0 || steps.Max() > 20_000)
        {
            throw new ArgumentException("--steps: 1 to 20000 connections");
        }
        var token = await server.NewUserTokenAsync(0, cancellationToken);
        var connections = new List<HubConnection>();
        var measurements = new List<object>();
        var baseline = await SettledRssAsync(pid, settle, cancellationToken);
        measurements.Add(new { connections = 0, rssKb = baseline });
        var connectLatency = new Percentiles();
        foreach (var target in steps)
        {
            var toOpen = Enumerable.Range(connections.Count, Math.Max(0, target - connections.Count)).ToArray();
            using var gate = new SemaphoreSlim(parallel);
            var opened = await Task.WhenAll(toOpen.Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    var connection = await server.ConnectAsync(i, token, cancellationToken);
                    connectLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return connection;
                }
                finally
                {
                    gate.Release();
                }
            }));
            connections.AddRange(opened);
            var rss = await SettledRssAsync(pid, settle, cancellationToken);
            var open = connections.Count(c => c.State == HubConnectionState.Connected);
            Console.Error.WriteLine($"idle: {open} connections open, server rss {rss} kB");
            measurements.Add(new
            {
                connections = open,
                rssKb = rss,
                kbPerConnectionSinceZero = rss is { } r && baseline is { } b && open > 0 ? Math.Round((double)(r - b) / open, 1) : (double?)null,
            });
        }
        if (hold > TimeSpan.Zero)
        {
            await Task.Delay(hold, cancellationToken);
        }
        var stillOpen = connections.Count(c => c.State == HubConnectionState.Connected);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
        return new
        {
            mode = "idle",
            instances = server.Urls.Select(u => u.ToString()).ToArray(),
            serverPid = pid,
            settleSeconds = settle.TotalSeconds,
            steps = measurements,
            stillOpenAtEnd = stillOpen,
            connectLatency = connectLatency.Summary(),
        };
    }

    /// <summary>VmRSS in kB after <paramref name="settle"/>, the lowest of three reads a second apart (null without a pid).</summary>
    private static async Task<long?> SettledRssAsync(int pid, TimeSpan settle, CancellationToken cancellationToken)
    {
        if (pid <= 0)
        {
            return null;
        }
        await Task.Delay(settle, cancellationToken);
        long? lowest = null;
        for (var i = 0; i < 3; i++)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            lowest = lowest is null ? kb : Math.Min(lowest.Value, kb);
            await Task.Delay(1000, cancellationToken);
        }
        return lowest;
    }
}
