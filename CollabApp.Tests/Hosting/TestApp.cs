namespace CollabApp.Tests.Hosting;

/// <summary>
/// One running app (or several sharing a database and Redis) in a given mode, with what the tests need
/// to talk to it. Owns its database and its instances' data folders, so it can restart them on the same data.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly List<CollabAppFactory> _instances = [];
    private readonly List<string> _dataPaths = [];
    private TestDatabase? _database;
    private Microsoft.Extensions.Logging.ILoggerProvider? _logs;
    private readonly Dictionary<string, string?> _shared = new()
    {
        ["Collab:Auth:SigningKey"] = "test-signing-key-" + Guid.NewGuid().ToString("N"),
    };

    private TestApp()
    {
    }

    public CollabAppFactory First => _instances[0];

    public IReadOnlyList<CollabAppFactory> Instances => _instances;

    /// <summary>Starts <paramref name="instances"/> app instances (more than one only makes sense scaled).</summary>
    /// <param name="logs">Receives every instance's log entries, when given.</param>
    public static async Task<TestApp> StartAsync(AppMode mode, int instances = 1, IDictionary<string, string?>? settings = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
    {
        var app = new TestApp { _logs = logs };
        if (mode is AppMode.Scaled or AppMode.ScaledOnCluster)
        {
            app._database = await TestDatabase.CreateAsync();
            app._shared["ConnectionStrings:Postgres"] = app._database.ConnectionString;
            app._shared["ConnectionStrings:Redis"] = mode == AppMode.ScaledOnCluster ? TestEnvironment.RedisCluster : TestEnvironment.Redis;
            app._shared["Collab:Redis:Cluster"] = mode == AppMode.ScaledOnCluster ? "true" : "false";
            app._shared["Collab:Redis:Prefix"] = "t" + Guid.NewGuid().ToString("N")[..10];
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app._shared[key] = value;
        }
        app.StartInstances(instances);
        return app;
    }

    /// <summary>
    /// Stops every instance, then starts as many new ones on the same database, data folders (the embedded
    /// SQLite file), Redis prefix and signing key: the whole deployment restarted. Tokens stay valid; clients
    /// must reconnect (the new instances listen on new ports).
    /// </summary>
    public async Task RestartAsync()
    {
        var count = _instances.Count;
        await StopInstancesAsync();
        StartInstances(count);
    }

    private void StartInstances(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (_dataPaths.Count <= i)
            {
                _dataPaths.Add(CollabAppFactory.NewDataPath());
            }
            var instance = new CollabAppFactory(new Dictionary<string, string?>(_shared) { ["Collab:InstanceId"] = $"i{i}" }, _dataPaths[i], _logs);
            _ = instance.BaseAddress;
            _instances.Add(instance);
        }
    }

    private async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        _instances.Clear();
    }

    public HttpClient CreateClient(int instance = 0) => new() { BaseAddress = _instances[instance].BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await StopInstancesAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        foreach (var dataPath in _dataPaths)
        {
            CollabAppFactory.DeleteDataPath(dataPath);
        }
    }
}
