using System.Diagnostics;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// The real app as a separate process: <c>dotnet CollabApp.dll</c> from the build output of this test
/// assembly's configuration, on a free loopback port, with its own data folder. Development environment,
/// so static web assets (the top-level wwwroot, MudBlazor's files) resolve from the build output.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerProcess _process;
    private readonly string _dataPath;

    private AppInstance(ServerProcess process, string dataPath, string instanceId, int port)
    {
        _process = process;
        _dataPath = dataPath;
        InstanceId = instanceId;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public string InstanceId { get; }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary>What the process wrote so far (the last few hundred lines).</summary>
    public string Output => _process.Output;

    /// <summary>A mark in the output, to read what came after it (<see cref="OutputSince"/>).</summary>
    public long OutputMark => _process.OutputMark;

    /// <summary>What the process wrote after <paramref name="mark"/> (of it, what is still held).</summary>
    public string OutputSince(long mark) => _process.OutputSince(mark);

    public bool HasExited => _process.HasExited;

    public static async Task<AppInstance> StartAsync(AppInstanceOptions? options = null)
    {
        options ??= new AppInstanceOptions();
        var binFolder = Path.Combine(TestEnvironment.RepositoryRoot, "CollabApp", "bin", TestEnvironment.Configuration, "net10.0");
        var dll = Path.Combine(binFolder, "CollabApp.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution in {TestEnvironment.Configuration} first (eng/test.sh does).");
        }

        var port = FreePort.Next();
        var instanceId = options.InstanceId ?? "e2e-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        var dataPath = Directory.CreateTempSubdirectory("collab-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = binFolder };
        start.ArgumentList.Add(dll);
        // Nothing of the test runner's own environment may pick the app's mode or settings.
        foreach (var key in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Collab__DataPath"] = dataPath;
        start.Environment["Collab__InstanceId"] = instanceId;
        if (options.Postgres is not null)
        {
            start.Environment["ConnectionStrings__Postgres"] = options.Postgres;
        }
        if (options.Redis is not null)
        {
            start.Environment["ConnectionStrings__Redis"] = options.Redis;
            // The scaled mode refuses to start without a signing key; tests that run several instances pass
            // one shared key in Environment (it overrides this per-instance one below).
            start.Environment["Collab__Auth__SigningKey"] = "e2e-instance-signing-key-" + Guid.NewGuid().ToString("N");
        }
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var app = new AppInstance(ServerProcess.Start(start, "CollabApp"), dataPath, instanceId, port);
        try
        {
            await app.WaitUntilHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>SIGKILL, no shutdown: a crashed instance. The data folder stays until dispose.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (SQLite journal) only leaves a temp folder behind.
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        await _process.WaitUntilReadyAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("healthz");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, StartTimeout, "answer GET /healthz with 200");
    }

    private static bool IsAppSetting(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Collab__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase);
}
