using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CollabApp.Tests.Hosting;

/// <summary>A Redis server of the test's own, so the test can stop and restart it (without persistence).</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private Process? _process;

    private PrivateRedis(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var redis = new PrivateRedis(port);
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var binary = TestEnvironment.RedisServerBinary
            ?? throw new InvalidOperationException("COLLAB_TEST_REDIS_SERVER is not set: run the tests through eng/test.sh.");
        _process = Process.Start(new ProcessStartInfo(binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on {Port} did not start");
            }
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
