using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CollabApp.Tests.Hosting;

/// <summary>
/// Issue 11, deliverable 7: the balancer of eng/nginx logs requests without the bearer tokens that
/// WebSocket and server-sent-event clients put in the <c>access_token</c> query parameter.
/// </summary>
public sealed class NginxAccessLogTests
{
    [Fact]
    public async Task AccessLog_OmitsAccessTokenQueries_AndKeepsOthers()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        var folder = Directory.CreateTempSubdirectory("collab-tests-nginx-").FullName;
        var port = FreePort();
        var config = (await File.ReadAllTextAsync(Require("COLLAB_TEST_NGINX_TEMPLATE")))
            .Replace("__LISTEN__", port.ToString(CultureInfo.InvariantCulture))
            .Replace("__UPSTREAMS__", $"server 127.0.0.1:{app.First.BaseAddress.Port};")
            .Replace("__PREFIX__", folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), config);
        using var nginx = Process.Start(Nginx(folder, "-g", "daemon off;"))!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilServingAsync(http);

            foreach (var path in new[]
            {
                "/healthz?access_token=SECRET-ONE",
                "/hubs/collab/negotiate?negotiateVersion=1&ACCESS_TOKEN=SECRET-TWO",
                "/healthz?x=1&access%5Ftoken=SECRET-THREE",
                "/healthz?probe=visible",
            })
            {
                using var _ = await http.GetAsync(path);
            }
        }
        finally
        {
            // A graceful stop writes the buffered access log out.
            using var quit = Process.Start(Nginx(folder, "-s", "quit"))!;
            await quit.WaitForExitAsync();
            await nginx.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        var log = await File.ReadAllTextAsync(Path.Combine(folder, "access.log"));
        Directory.Delete(folder, recursive: true);
        Assert.DoesNotContain("SECRET", log, StringComparison.Ordinal);
        Assert.Contains("\"GET /hubs/collab/negotiate?[query omitted: access_token] HTTP/1.1\"", log, StringComparison.Ordinal);
        Assert.Contains("\"GET /healthz?probe=visible HTTP/1.1\" 200", log, StringComparison.Ordinal);
    }

    private static ProcessStartInfo Nginx(string folder, params string[] more)
    {
        var start = new ProcessStartInfo(Require("COLLAB_TEST_NGINX"));
        foreach (var argument in new[] { "-p", folder + "/", "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf") }.Concat(more))
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static async Task WaitUntilServingAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // nginx is not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("nginx did not serve /healthz within 20 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through eng/test.sh.");
}
