using System.Collections.Concurrent;
using System.Text.Json;
using CollabApp.Hubs;
using CollabApp.Tests.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Hubs;

/// <summary>The hub protocols a client may negotiate (docs/protocol.md).</summary>
public enum HubWireProtocol
{
    Json,
    MessagePack,
}

/// <summary>A protocol client on <c>/hubs/collab</c> that records every <c>roomEvent</c> it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private HubClient(HubConnection connection, TestUser user)
    {
        Connection = connection;
        User = user;
        connection.On<JsonElement>("roomEvent", envelope =>
        {
            _events.Enqueue(envelope.Clone());
            _arrived.Release();
        });
    }

    public HubConnection Connection { get; }

    public TestUser User { get; }

    public IReadOnlyList<JsonElement> Events => [.. _events];

    public static async Task<HubClient> ConnectAsync(Uri baseAddress, TestUser user, HubWireProtocol protocol = HubWireProtocol.Json)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/collab"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(user.Token));
        if (protocol == HubWireProtocol.MessagePack)
        {
            // Read as JSON-shaped values, so the tests see the same JsonElements under both protocols.
            builder.AddMessagePackProtocol(options => options.SerializerOptions =
                JsonShapedMessagePack.Options(new JsonHubProtocolOptions().PayloadSerializerOptions));
        }
        var connection = builder.Build();
        var client = new HubClient(connection, user);
        await connection.StartAsync().WaitAsync(Timeout);
        return client;
    }

    public Task<T> InvokeAsync<T>(string method, params object?[] args) =>
        Connection.InvokeCoreAsync<T>(method, args).WaitAsync(Timeout);

    public Task InvokeAsync(string method, params object?[] args) =>
        Connection.InvokeCoreAsync(method, args).WaitAsync(Timeout);

    /// <summary>Waits until the recorded events satisfy <paramref name="condition"/>; fails after the timeout.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(Func<IReadOnlyList<JsonElement>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var events = Events;
            if (condition(events))
            {
                return events;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{User.UserName} did not receive {what}; got: {string.Join(", ", events.Select(e => e.GetProperty("type").GetString()))}");
            }
            await _arrived.WaitAsync(left);
        }
    }

    public Task<IReadOnlyList<JsonElement>> WaitForAsync(string type, Func<JsonElement, bool> match, string what) =>
        WaitForEventsAsync(events => events.Any(e => e.GetProperty("type").GetString() == type && match(e.GetProperty("data"))), what);

    public IEnumerable<JsonElement> OfType(string type) => Events.Where(e => e.GetProperty("type").GetString() == type);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
