using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CollabApp.LoadTool;

/// <summary>
/// Idle Blazor circuits for the memory footprint: signs one user in through the login form, hands its cookie to
/// a headless Chromium already listening for DevTools on <c>--devtools PORT</c> (loopback), and opens tabs on an
/// interactive page (<c>--page /rooms</c>) in steps (<c>--steps 25,50</c>); after each step it reads the
/// server's VmRSS and its <c>collab_circuits</c> gauge from /metrics. With <c>--no-auth</c> (bench/Baseline's
/// <c>/circuit</c>) it registers and signs in no one. The browser is the caller's to stop.
/// </summary>
internal static partial class CircuitsMode
{
    public static async Task<object> RunAsync(Server server, Options options, CancellationToken cancellationToken)
    {
        var url = server.Urls[0];
        var steps = options.String("steps", "25,50").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var page = options.String("page", "/rooms");
        var pid = options.Int("server-pid", 0);
        var settle = TimeSpan.FromSeconds(options.Double("settle", 10));
        var devtools = new Uri($"http://127.0.0.1:{options.Int("devtools", 9333)}");
        if (steps.Max() > 500)
        {
            throw new ArgumentException("--steps: at most 500 tabs");
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var version = await http.GetFromJsonAsync<JsonElement>(new Uri(devtools, "/json/version"), cancellationToken);
        using var cdp = new ClientWebSocket();
        await cdp.ConnectAsync(new Uri(version.GetProperty("webSocketDebuggerUrl").GetString()!), cancellationToken);
        var nextId = 0;
        // --no-auth (the baseline's bare circuit page): no account, no sign-in, no cookie; the tabs open anonymously.
        if (!server.NoAuth)
        {
            await server.NewUserTokenAsync(0, cancellationToken);
            var cookies = await SignInAsync(url, server.UserName(0), cancellationToken);
            await CallAsync(cdp, ++nextId, "Storage.setCookies", new
            {
                cookies = cookies.Select(c => new { name = c.Name, value = c.Value, domain = url.Host, path = "/", httpOnly = c.HttpOnly }).ToArray(),
            }, cancellationToken);
        }

        // Circuits already open (an earlier warm-up's tabs): each step then waits for these plus its own tabs.
        var before = await CircuitsAsync(http, url, cancellationToken);
        var measurements = new List<object> { await MeasureAsync(http, url, pid, 0, before, TimeSpan.Zero, cancellationToken) };
        var opened = 0;
        foreach (var target in steps)
        {
            for (; opened < target; opened++)
            {
                await CallAsync(cdp, ++nextId, "Target.createTarget", new { url = new Uri(url, page).ToString() }, cancellationToken);
                await Task.Delay(200, cancellationToken);
            }
            measurements.Add(await MeasureAsync(http, url, pid, opened, before + opened, settle, cancellationToken));
        }
        return new { mode = "circuits", instance = url.ToString(), page, serverPid = pid, settleSeconds = settle.TotalSeconds, steps = measurements };
    }

    private static async Task<object> MeasureAsync(HttpClient http, Uri url, int pid, int tabs, double expectedCircuits, TimeSpan settle,
        CancellationToken cancellationToken)
    {
        // On a loaded machine a tab can take longer than the settle time to get its circuit, and a step read before then
        // divides fewer circuits' memory by all its tabs: wait (up to two minutes) until the server counts every tab.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await CircuitsAsync(http, url, cancellationToken) < expectedCircuits && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, cancellationToken);
        }
        await Task.Delay(settle, cancellationToken);
        long? rss = null;
        if (pid > 0)
        {
            for (var i = 0; i < 3; i++)
            {
                var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                rss = rss is null ? kb : Math.Min(rss.Value, kb);
                await Task.Delay(1000, cancellationToken);
            }
        }
        var circuits = await CircuitsAsync(http, url, cancellationToken);
        Console.Error.WriteLine($"circuits: {tabs} tabs, {circuits} circuits open, server rss {rss} kB");
        return new { connections = tabs, rssKb = rss, circuits };
    }

    /// <summary>The server's <c>collab_circuits</c> gauge.</summary>
    private static async Task<double> CircuitsAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        var metrics = await http.GetStringAsync(new Uri(url, "/metrics"), cancellationToken);
        return metrics.Split('\n')
            .Where(l => l.StartsWith("collab_circuits", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Posts the login form (static SSR, with its antiforgery token) and returns the cookies it sets.</summary>
    private static async Task<IReadOnlyList<Cookie>> SignInAsync(Uri url, string userName, CancellationToken cancellationToken)
    {
        var jar = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var form = await http.GetStringAsync(new Uri(url, "/account/login"), cancellationToken);
        var antiforgery = AntiforgeryField().Match(form);
        if (!antiforgery.Success)
        {
            throw new InvalidOperationException("no antiforgery token on /account/login");
        }
        var response = await http.PostAsync(new Uri(url, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = Server.Password,
        }), cancellationToken);
        var cookies = jar.GetCookies(url).ToList();
        if ((int)response.StatusCode >= 400 || !cookies.Any(c => c.Name.Contains("Identity", StringComparison.Ordinal) || c.Name.Contains("Auth", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode}, cookies {string.Join(",", cookies.Select(c => c.Name))}");
        }
        return cookies;
    }

    private static async Task CallAsync(ClientWebSocket cdp, int id, string method, object parameters, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters });
        await cdp.SendAsync(request, WebSocketMessageType.Text, true, cancellationToken);
        var buffer = new byte[64 * 1024];
        for (var messages = 0; messages < 1000; messages++)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await cdp.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            using var json = JsonDocument.Parse(message.ToArray());
            if (json.RootElement.TryGetProperty("id", out var answered) && answered.GetInt32() == id)
            {
                if (json.RootElement.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"{method}: {error}");
                }
                return;
            }
        }
        throw new InvalidOperationException($"{method}: no answer from the browser");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
