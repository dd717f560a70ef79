using System.Diagnostics;
using System.Net.Sockets;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// nginx in front of some app instances, from eng/nginx/nginx.conf.template (sticky by the
/// <c>collab_node</c> cookie, WebSockets proxied), on a free port, in its own temp folder.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ProcessOutput _output = new();
    private readonly string _folder;

    private NginxBalancer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public static async Task<NginxBalancer> StartAsync(IEnumerable<int> upstreamPorts)
    {
        var folder = Directory.CreateTempSubdirectory("collab-e2e-nginx-").FullName;
        var port = FreePort.Next();
        var upstreams = string.Join(' ', upstreamPorts.Select(p => $"server 127.0.0.1:{p};"));
        var config = (await File.ReadAllTextAsync(TestEnvironment.NginxTemplate))
            .Replace("__LISTEN__", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("__UPSTREAMS__", upstreams)
            .Replace("__PREFIX__", folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), config);

        var start = new ProcessStartInfo(TestEnvironment.Nginx)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-p", folder + "/", "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var balancer = new NginxBalancer(process, folder, port);
        balancer._output.Attach(process);
        try
        {
            await balancer.WaitUntilListeningAsync();
        }
        catch
        {
            await balancer.DisposeAsync();
            throw;
        }
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM: the master stops its workers too (SIGKILL of the master alone would orphan them).
        await Signals.StopAsync(_process, TimeSpan.FromSeconds(10));
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{_output}\n{ReadErrorLog()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port).WaitAsync(TimeSpan.FromSeconds(2));
                return;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"nginx did not listen on {Port} within {StartTimeout.TotalSeconds} s:\n{_output}\n{ReadErrorLog()}");
    }

    private string ReadErrorLog()
    {
        var log = Path.Combine(_folder, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
