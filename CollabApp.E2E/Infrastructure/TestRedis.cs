using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// A private redis-server (COLLAB_TEST_REDIS_SERVER) on a free port, without persistence. Each scaled
/// test gets its own: a fresh PostgreSQL database next to a Redis that still holds another test's room
/// streams and document revisions would be a state the app never meets in production.
/// </summary>
public sealed class TestRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private ServerProcess _process;

    private TestRedis(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>For the app (<c>ConnectionStrings__Redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        var port = FreePort.Next();
        var redis = new TestRedis(Launch(port), port);
        try
        {
            await redis._process.WaitUntilReadyAsync(redis.PingAsync, StartTimeout, $"answer PING on {port}");
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
        return redis;
    }

    /// <summary>
    /// A new, empty redis-server on the same port (after <see cref="Kill"/>): Redis came back having lost its data,
    /// which is what a restart without persistence, or with a lost append-only file, looks like to the app.
    /// </summary>
    public async Task RestartEmptyAsync()
    {
        await _process.DisposeAsync();
        _process = Launch(Port);
        await _process.WaitUntilReadyAsync(PingAsync, StartTimeout, $"answer PING on {Port} again");
    }

    private static ServerProcess Launch(int port)
    {
        var start = new ProcessStartInfo(TestEnvironment.RedisServer) { WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        return ServerProcess.Start(start, "redis-server");
    }

    /// <summary>SIGSTOP: every command hangs until <see cref="Thaw"/> (connections stay open).</summary>
    public void Freeze() => _process.Freeze();

    public void Thaw() => _process.Thaw();

    /// <summary>SIGKILL: Redis is gone at once (for outage tests); dispose still cleans up.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync()
    {
        _process.Thaw();
        return _process.DisposeAsync();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
