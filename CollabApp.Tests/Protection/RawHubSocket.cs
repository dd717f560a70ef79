using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CollabApp.Tests.Protection;

/// <summary>
/// A hub client at the wire level (JSON protocol over a WebSocket, negotiation skipped), so a test can do
/// what well-behaved clients never do: stop reading.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();

    public static async Task<RawHubSocket> ConnectAsync(Uri baseAddress, string token)
    {
        var raw = new RawHubSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/collab", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await raw._socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await raw.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await raw.ReceiveAsync();
        if (handshake.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("handshake refused: " + error.GetString());
        }
        return raw;
    }

    public WebSocketState State => _socket.State;

    /// <summary>Invokes a hub method and returns its completion's result (skipping other frames).</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Guid.NewGuid().ToString("N");
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.GetProperty("type").GetInt32() == 3 && frame.GetProperty("invocationId").GetString() == id)
            {
                return frame.TryGetProperty("result", out var result) ? result : frame;
            }
        }
    }

    /// <summary>Reads frames until the server closes the connection; returns the room events received.</summary>
    public async Task<List<JsonElement>> ReadUntilClosedAsync(TimeSpan timeout)
    {
        var events = new List<JsonElement>();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var frame = await ReceiveAsync(deadline.Token);
                if (frame.GetProperty("type").GetInt32() == 1 && frame.GetProperty("target").GetString() == "roomEvent")
                {
                    events.Add(frame.GetProperty("arguments")[0]);
                }
                if (frame.GetProperty("type").GetInt32() == 7)
                {
                    return events;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ClosedException)
        {
            return events;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    private async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return JsonDocument.Parse(text[..end]).RootElement.Clone();
            }
            var result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer), cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new ClosedException();
            }
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    private sealed class ClosedException : Exception;
}
