using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>An app, two registered users and helpers to connect them; one per test.</summary>
public sealed class HubTestRoom : IAsyncDisposable
{
    private readonly List<HubClient> _clients = [];

    private HubTestRoom(TestApp app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public TestApp App { get; }

    public HttpClient Http { get; }

    public static async Task<HubTestRoom> StartAsync(AppMode mode, int instances = 1, IDictionary<string, string?>? settings = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
    {
        var app = await TestApp.StartAsync(mode, instances, settings, logs);
        return new HubTestRoom(app, app.CreateClient());
    }

    public Task<TestUser> RegisterAsync() => TestUsers.RegisterAsync(Http);

    public async Task<HubClient> ConnectAsync(TestUser user, int instance = 0, HubWireProtocol protocol = HubWireProtocol.Json)
    {
        var client = await HubClient.ConnectAsync(App.Instances[instance].BaseAddress, user, protocol);
        _clients.Add(client);
        return client;
    }

    public async Task<HubClient> JoinAsync(TestUser user, string roomId = "lobby", int instance = 0, HubWireProtocol protocol = HubWireProtocol.Json)
    {
        var client = await ConnectAsync(user, instance, protocol);
        await client.InvokeAsync<System.Text.Json.JsonElement>("JoinRoom", roomId, null);
        return client;
    }

    public async Task CreateRoomAsync(TestUser owner, string roomId, bool isPrivate)
    {
        var response = await Http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId, name = roomId, isPrivate }));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
        Http.Dispose();
        await App.DisposeAsync();
    }
}
