using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.E2E.ScaleOut;

/// <summary>A protocol client of one user on one instance, recording the events it receives.</summary>
public sealed class HubUser : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<JsonElement> _events = new();

    private HubUser(string userId, string userName, string token, HubConnection connection)
    {
        UserId = userId;
        UserName = userName;
        Token = token;
        Connection = connection;
        connection.On<JsonElement>("roomEvent", e => _events.Enqueue(e.Clone()));
    }

    public string UserId { get; }

    public string UserName { get; }

    public string Token { get; }

    public HubConnection Connection { get; }

    public IReadOnlyList<JsonElement> Events => [.. _events];

    public string? NewestEventId => Events.Where(e => e.GetProperty("eventId").ValueKind == JsonValueKind.String).Select(e => e.GetProperty("eventId").GetString()).LastOrDefault();

    public static async Task<HubUser> RegisterAsync(Uri instance)
    {
        using var http = new HttpClient { BaseAddress = instance };
        var userName = "h" + Guid.NewGuid().ToString("N")[..10];
        var registered = await http.PostAsJsonAsync("/api/auth/register", new { userName, password = "correct-horse-1" });
        registered.EnsureSuccessStatusCode();
        var userId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;
        var token = await http.PostAsJsonAsync("/api/auth/token", new { userName, password = "correct-horse-1" });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return await ConnectAsync(instance, userId, userName, accessToken);
    }

    /// <summary>The same user on another connection (after its instance died, say).</summary>
    public Task<HubUser> ReconnectAsync(Uri instance) => ConnectAsync(instance, UserId, UserName, Token);

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => Connection.InvokeCoreAsync<T>(method, args).WaitAsync(Timeout);

    public async Task WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition(Events))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{UserName} did not receive {what}");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private static async Task<HubUser> ConnectAsync(Uri instance, string userId, string userName, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(instance, "/hubs/collab"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var user = new HubUser(userId, userName, token, connection);
        await connection.StartAsync().WaitAsync(Timeout);
        return user;
    }
}
