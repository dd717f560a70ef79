using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabApp.Tests.Hosting;

/// <summary>
/// The real app on Kestrel on a loopback port, in either mode: embedded (its own SQLite file) or scaled
/// (its own PostgreSQL database and Redis key prefix, shareable between several instances). Its data folder
/// is its own and deleted on dispose, unless given one: then the caller owns it (a later app may reuse it).
/// </summary>
public sealed class CollabAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataPath;
    private readonly bool _ownsDataPath;
    private readonly Dictionary<string, string?> _settings;
    private readonly ILoggerProvider? _logs;

    /// <param name="logs">Also receives the app's log entries, when given (the app does not dispose it).</param>
    public CollabAppFactory(IDictionary<string, string?> settings, string? dataPath = null, ILoggerProvider? logs = null)
    {
        _logs = logs;
        _ownsDataPath = dataPath is null;
        _dataPath = dataPath ?? NewDataPath();
        _settings = new Dictionary<string, string?>(settings)
        {
            ["Collab:DataPath"] = _dataPath,
            ["urls"] = "http://127.0.0.1:0",
        };
        UseKestrel(0);
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>A fresh folder name under the temp folder (not created).</summary>
    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "collab-tests", Guid.NewGuid().ToString("N"));

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(new Borrowed(_logs)));
        }
    }

    // The host disposes its providers; the test keeps reading the shared one after the host is gone.
    private sealed class Borrowed(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDataPath)
        {
            DeleteDataPath(_dataPath);
        }
    }

    public static void DeleteDataPath(string dataPath)
    {
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
