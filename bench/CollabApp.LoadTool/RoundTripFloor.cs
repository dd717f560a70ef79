using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CollabApp.LoadTool;

/// <summary>
/// The machine's floor for one network hop at the typists' pace: N probers, each on its own socket, send a Redis
/// <c>PING</c> at the typing rate and time the <c>+PONG</c>, blocking, with no client library in between. A typed
/// operation's acknowledgement needs at least three such hops in sequence (client to instance, instance to Redis,
/// instance to PostgreSQL, each there and back), so its latency is read against this: on a machine whose idle cores
/// take milliseconds to wake, no server code can answer faster than the hops it waits for.
/// </summary>
internal static class RoundTripFloor
{
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    public static IPEndPoint Endpoint(Options options)
    {
        var endpoint = IPEndPoint.Parse(options.String("redis", "127.0.0.1:6380"));
        return IPAddress.IsLoopback(endpoint.Address)
            ? endpoint
            : throw new ArgumentException($"refusing --redis {endpoint}: loopback only");
    }

    public static async Task<LatencySummary> MeasureAsync(IPEndPoint redis, int probers, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latency = new Percentiles();
        // Each prober blocks (sleeps, then waits on its socket) on a thread of its own: on the thread pool, ten of them
        // would starve the typists' SignalR clients in this process until the runtime added threads, about a second.
        await Task.WhenAll(Enumerable.Range(0, probers).Select(_ => Task.Factory.StartNew(
            () => Probe(redis, rate, duration, latency, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        return latency.Summary();
    }

    private static void Probe(IPEndPoint redis, double rate, TimeSpan duration, Percentiles latency, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(redis);
        var answer = new byte[16];
        var count = (int)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
            var sent = Stopwatch.GetTimestamp();
            socket.Send(Ping);
            // "+PONG\r\n" is 7 bytes; loopback delivers it in one segment.
            if (socket.Receive(answer) != 7)
            {
                throw new InvalidOperationException("unexpected answer to PING");
            }
            latency.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }
}
