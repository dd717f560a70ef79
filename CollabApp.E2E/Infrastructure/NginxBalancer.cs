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

    private readonly ServerProcess _process;
    private readonly string _folder;

    private NginxBalancer(ServerProcess process, string folder, int port)
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

        var start = new ProcessStartInfo(TestEnvironment.Nginx);
        foreach (var argument in new[] { "-p", folder + "/", "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }
        var balancer = new NginxBalancer(ServerProcess.Start(start, "nginx"), folder, port);
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
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task WaitUntilListeningAsync() =>
        _process.WaitUntilReadyAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port).WaitAsync(TimeSpan.FromSeconds(2));
                return true;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                return false;
            }
        }, StartTimeout, $"listen on {Port}", ReadErrorLog);

    private string ReadErrorLog()
    {
        var log = Path.Combine(_folder, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
