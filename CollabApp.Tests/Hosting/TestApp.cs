namespace CollabApp.Tests.Hosting;

/// <summary>
/// One running app (or several sharing a database and Redis) in a given mode, with what the tests need
/// to talk to it. Owns its database.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly List<CollabAppFactory> _instances = [];
    private TestDatabase? _database;
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
    public static async Task<TestApp> StartAsync(AppMode mode, int instances = 1, IDictionary<string, string?>? settings = null)
    {
        var app = new TestApp();
        if (mode == AppMode.Scaled)
        {
            app._database = await TestDatabase.CreateAsync();
            app._shared["ConnectionStrings:Postgres"] = app._database.ConnectionString;
            app._shared["ConnectionStrings:Redis"] = TestEnvironment.Redis;
            app._shared["Collab:Redis:Prefix"] = "t" + Guid.NewGuid().ToString("N")[..10];
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app._shared[key] = value;
        }
        for (var i = 0; i < instances; i++)
        {
            var instance = new CollabAppFactory(new Dictionary<string, string?>(app._shared) { ["Collab:InstanceId"] = $"i{i}" });
            _ = instance.BaseAddress;
            app._instances.Add(instance);
        }
        return app;
    }

    public HttpClient CreateClient(int instance = 0) => new() { BaseAddress = _instances[instance].BaseAddress };

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
