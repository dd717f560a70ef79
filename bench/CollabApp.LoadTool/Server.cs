using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// The HTTP side of docs/protocol.md (register, token, rooms) and hub connections to <c>/hubs/collab</c>. With
/// <c>noAuth</c> (the baseline server) every step that needs an account is skipped and connections carry no token.
/// </summary>
internal sealed class Server(IReadOnlyList<Uri> urls, bool noAuth, string runId) : IDisposable
{
    public const string Password = "bench-password-1";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyList<Uri> Urls => urls;

    public bool NoAuth => noAuth;

    /// <summary>Registers <c>bench-&lt;run&gt;-&lt;n&gt;</c> and returns a bearer token for it (null without auth).</summary>
    public async Task<string?> NewUserTokenAsync(int n, CancellationToken cancellationToken)
    {
        if (noAuth)
        {
            return null;
        }
        var userName = UserName(n);
        var register = await _http.PostAsJsonAsync(new Uri(urls[0], "/api/auth/register"), new { userName, password = Password, displayName = userName }, cancellationToken);
        if (register.StatusCode != HttpStatusCode.Created && register.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"register {userName}: {(int)register.StatusCode} {await register.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var token = await _http.PostAsJsonAsync(new Uri(urls[0], "/api/auth/token"), new { userName, password = Password }, cancellationToken);
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return body?.AccessToken ?? throw new InvalidOperationException("token response without accessToken");
    }

    public string UserName(int n) => $"b{runId}-{n}";

    /// <summary>Creates a public room (the baseline has rooms without creating them).</summary>
    public async Task CreateRoomAsync(string token, string roomId, CancellationToken cancellationToken)
    {
        if (noAuth)
        {
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(urls[0], "/api/rooms"))
        {
            Content = JsonContent.Create(new { roomId, name = roomId, isPrivate = false }),
        };
        request.Headers.Authorization = new("Bearer", token);
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"create room {roomId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>A WebSocket hub connection to instance <c>index % Urls.Count</c>, started (with 429 retries).</summary>
    public async Task<HubConnection> ConnectAsync(int index, string? token, CancellationToken cancellationToken, Action<HubConnection>? configure = null)
    {
        var url = new Uri(urls[index % urls.Count], "/hubs/collab");
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        configure?.Invoke(connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.StartAsync(cancellationToken);
                return connection;
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
            {
                Console.Error.WriteLine($"connect {url}: 429 (connection rate limit), waiting 20 s");
                await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record TokenResponse(string AccessToken);
}
