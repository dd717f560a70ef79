using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CollabApp.LoadTool;

/// <summary>
/// Clients that join a room and then never read: raw WebSockets (negotiation skipped) that send the
/// handshake and a JoinRoom and nothing else, so the server's outgoing buffers to them fill up. The fan-out
/// run with them measures whether a slow reader slows everyone else.
/// </summary>
internal sealed class SlowReaders : IAsyncDisposable
{
    private readonly List<ClientWebSocket> _sockets = [];

    public int Count => _sockets.Count;

    public static async Task<SlowReaders> OpenAsync(Server server, IReadOnlyList<string> rooms, int count, int firstUser, CancellationToken cancellationToken)
    {
        var readers = new SlowReaders();
        for (var i = 0; i < count; i++)
        {
            var token = await server.NewUserTokenAsync(firstUser + i, cancellationToken);
            var url = server.Urls[i % server.Urls.Count];
            var socket = new ClientWebSocket();
            var query = token is null ? "" : "access_token=" + Uri.EscapeDataString(token);
            var uri = new UriBuilder(url) { Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = "/hubs/collab", Query = query }.Uri;
            await socket.ConnectAsync(uri, cancellationToken);
            await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", cancellationToken);
            await SendAsync(socket, JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "JoinRoom", arguments = new object?[] { rooms[i % rooms.Count], null } }), cancellationToken);
            readers._sockets.Add(socket);
        }
        return readers;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Abort();
            socket.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private static Task SendAsync(ClientWebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + '\u001e'), WebSocketMessageType.Text, true, cancellationToken);
}
