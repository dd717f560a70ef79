using System.Diagnostics;
using System.Globalization;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// A private Redis Cluster, 3 primaries with one replica each, started by eng/services.sh's
/// <c>svc_redis_cluster_start</c> (the same nodes the test command runs for everyone, with a node timeout of 1.5 s), for
/// tests that kill one of its primaries: the shared cluster must stay whole for the other tests.
/// </summary>
public sealed class TestRedisCluster : IAsyncDisposable
{
    private readonly string _folder;

    private TestRedisCluster(string folder, string endpoints)
    {
        _folder = folder;
        ConnectionString = endpoints;
    }

    /// <summary>For the app (<c>ConnectionStrings__Redis</c>): every node, comma-separated.</summary>
    public string ConnectionString { get; }

    public static async Task<TestRedisCluster> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collab-e2e-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        var endpoints = await ServicesAsync($"svc_redis_cluster_start '{folder}' >&2 && echo \"$SVC_REDIS_CLUSTER\"");
        return new TestRedisCluster(folder, endpoints.Trim());
    }

    /// <summary>
    /// SIGKILLs the primary that owns <paramref name="key"/>'s slot (no shutdown, no last write to its replica), and
    /// returns its port. Its replica is promoted once the other primaries agree it is gone (after the node timeout).
    /// </summary>
    public async Task<int> KillPrimaryOfAsync(string key)
    {
        var anyPort = ConnectionString.Split(',')[0].Split(':')[1];
        var slot = int.Parse((await RunAsync("redis-cli", "-p", anyPort, "cluster", "keyslot", key)).Trim(), CultureInfo.InvariantCulture);
        var nodes = await RunAsync("redis-cli", "-p", anyPort, "cluster", "nodes");
        foreach (var line in nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // <id> <ip:port@bus> <flags> <primary> <ping> <pong> <epoch> <link> <slot ranges...>
            var fields = line.Split(' ');
            if (!fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
            {
                continue;
            }
            if (fields.Skip(8).Any(range => Owns(range, slot)))
            {
                var port = int.Parse(fields[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
                var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, $"node-{port}", "redis.pid")), CultureInfo.InvariantCulture);
                Process.GetProcessById(pid).Kill();
                return port;
            }
        }
        throw new InvalidOperationException($"no live primary owns slot {slot}:\n{nodes}");
    }

    private static bool Owns(string range, int slot)
    {
        if (range.StartsWith('['))
        {
            return false; // a slot being migrated
        }
        var bounds = range.Split('-');
        var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
        var to = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : from;
        return slot >= from && slot <= to;
    }

    public async ValueTask DisposeAsync()
    {
        await ServicesAsync($"svc_redis_cluster_stop '{_folder}'");
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Task<string> ServicesAsync(string script) =>
        RunAsync("bash", "-c", $"set -euo pipefail; source '{Path.Combine(TestEnvironment.RepositoryRoot, "eng", "services.sh")}'; {script}");

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }
}
