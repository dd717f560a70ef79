using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.E2E.Faults;

/// <summary>
/// A hub client that behaves as the protocol asks a client to under faults: it sends chat messages at a steady rate,
/// retries a failed send with the same <c>clientMessageId</c> until it is acknowledged, and when its connection drops
/// it connects to the next instance and rejoins with the newest event id it received (a snapshot, when the server
/// cannot resume, counts as resynchronised: the messages it shows, and the history paged back from it, are recovered).
/// It records what a fault test judges: what was acknowledged, what arrived live (in arrival order), what was recovered.
/// </summary>
public sealed class ChattingClient : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<Uri> _instances;
    private readonly string _roomId;
    private readonly string _token;
    private readonly List<(string MessageId, string EventId)> _live = [];
    private readonly HashSet<string> _recovered = new(StringComparer.Ordinal);
    private readonly List<string> _acknowledged = [];
    private HubConnection? _connection;
    private int _instance;
    private string? _newestEventId;

    private ChattingClient(IReadOnlyList<Uri> instances, int firstInstance, string roomId, string token, string name)
    {
        _instances = instances;
        _instance = firstInstance;
        _roomId = roomId;
        _token = token;
        Name = name;
    }

    public string Name { get; }

    public int Reconnects { get; private set; }

    public int Resyncs { get; private set; }

    /// <summary>Sends the server refused with <c>unavailable:</c> (and the client then retried).</summary>
    public int Refusals { get; private set; }

    /// <summary>When the client last got an acknowledgement.</summary>
    public DateTime LastAcknowledgedAt { get; private set; }

    public IReadOnlyList<string> Acknowledged { get { lock (_gate) { return [.. _acknowledged]; } } }

    public IReadOnlyList<(string MessageId, string EventId)> Live { get { lock (_gate) { return [.. _live]; } } }

    public IReadOnlySet<string> Recovered { get { lock (_gate) { return new HashSet<string>(_recovered, StringComparer.Ordinal); } } }

    public static async Task<ChattingClient> StartAsync(IReadOnlyList<Uri> instances, int firstInstance, string roomId)
    {
        using var http = new HttpClient { BaseAddress = instances[firstInstance] };
        var userName = "f" + Guid.NewGuid().ToString("N")[..10];
        (await http.PostAsJsonAsync("/api/auth/register", new { userName, password = "correct-horse-1" })).EnsureSuccessStatusCode();
        var token = await http.PostAsJsonAsync("/api/auth/token", new { userName, password = "correct-horse-1" });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var client = new ChattingClient(instances, firstInstance, roomId, accessToken, userName);
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    /// <summary>Sends one message every <paramref name="interval"/> until <paramref name="stop"/>; each is retried until acknowledged.</summary>
    public async Task ChatAsync(TimeSpan interval, CancellationToken stop)
    {
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var clientMessageId = Guid.NewGuid().ToString();
            var text = $"{Name} {sent++}";
            await SendUntilAcknowledgedAsync(clientMessageId, text, stop);
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    // A send begun before the stop is still seen through (bounded), so nothing the test counts is left half-done.
    private async Task SendUntilAcknowledgedAsync(string clientMessageId, string text, CancellationToken stop)
    {
        var giveUpAt = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < giveUpAt)
        {
            try
            {
                if (_connection is not { State: HubConnectionState.Connected })
                {
                    await ConnectAsync(stop);
                }
                // Not the stop token: a send under way is seen through, so the test never counts a half-done one.
                var message = await _connection!.InvokeAsync<JsonElement>("SendMessage", _roomId, clientMessageId, text, CancellationToken.None).WaitAsync(CallTimeout, CancellationToken.None);
                lock (_gate)
                {
                    _acknowledged.Add(message.GetProperty("id").GetString()!);
                    LastAcknowledgedAt = DateTime.UtcNow;
                }
                return;
            }
            catch (HubException e) when (e.Message.Contains("unavailable:", StringComparison.Ordinal))
            {
                Refusals++;
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
            catch (Exception e) when (e is HubException or TimeoutException or InvalidOperationException or HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or TaskCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
        throw new TimeoutException($"{Name} could not send '{text}' within 60 s");
    }

    // The current instance, then the next ones, until one accepts the connection and the rejoin.
    private async Task ConnectAsync(CancellationToken stop)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
                _instance = (_instance + 1) % _instances.Count;
                Reconnects++;
            }
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(_instances[_instance], "/hubs/collab"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token))
                .Build();
            connection.On<JsonElement>("roomEvent", OnRoomEvent);
            _connection = connection;
            try
            {
                await connection.StartAsync(CancellationToken.None).WaitAsync(CallTimeout, CancellationToken.None);
                await RejoinAsync(connection);
                return;
            }
            catch (Exception e) when (attempt < 50 && !stop.IsCancellationRequested && e is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    private async Task RejoinAsync(HubConnection connection)
    {
        string? resumeFrom;
        lock (_gate)
        {
            resumeFrom = _newestEventId;
        }
        var join = await connection.InvokeAsync<JsonElement>("JoinRoom", _roomId, resumeFrom).WaitAsync(CallTimeout);
        if (join.GetProperty("resumed").GetBoolean())
        {
            return;
        }
        if (resumeFrom is not null)
        {
            Resyncs++;
        }
        // Resynchronised: what the snapshot shows, and the history before it back to what this client already has.
        var shown = join.GetProperty("state").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        var before = shown.FirstOrDefault();
        while (before is not null && !Knows(before))
        {
            var page = await connection.InvokeAsync<JsonElement[]>("GetMessages", _roomId, before, 100).WaitAsync(CallTimeout);
            shown.AddRange(page.Select(m => m.GetProperty("id").GetString()!));
            before = page.Length > 0 ? page[0].GetProperty("id").GetString() : null;
        }
        lock (_gate)
        {
            _recovered.UnionWith(shown);
            if (join.GetProperty("lastEventId").GetString() is { } covered && (_newestEventId is null || Compare(covered, _newestEventId) > 0))
            {
                _newestEventId = covered;
            }
        }
    }

    private bool Knows(string messageId)
    {
        lock (_gate)
        {
            return _recovered.Contains(messageId) || _live.Exists(l => l.MessageId == messageId);
        }
    }

    private void OnRoomEvent(JsonElement roomEvent)
    {
        if (roomEvent.GetProperty("eventId").GetString() is not { } eventId)
        {
            return;
        }
        lock (_gate)
        {
            if (roomEvent.GetProperty("type").GetString() == "message")
            {
                _live.Add((roomEvent.GetProperty("data").GetProperty("id").GetString()!, eventId));
            }
            if (_newestEventId is null || Compare(eventId, _newestEventId) > 0)
            {
                _newestEventId = eventId;
            }
        }
    }

    /// <summary>Event ids in their numeric order (<c>ms-seq</c>).</summary>
    public static int Compare(string a, string b)
    {
        static (long Ms, long Seq) Parse(string id)
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            return (long.Parse(id.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture), long.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
        }
        return Parse(a).CompareTo(Parse(b));
    }
}
