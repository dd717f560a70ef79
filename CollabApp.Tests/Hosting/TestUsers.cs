using System.Net.Http.Json;
using System.Text.Json;

namespace CollabApp.Tests.Hosting;

/// <summary>Registers users through the real API and signs them in for bearer tokens.</summary>
public static class TestUsers
{
    public const string Password = "correct-horse-1";

    public static string NewName(string prefix = "u") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static async Task<TestUser> RegisterAsync(HttpClient client, string? userName = null)
    {
        userName ??= NewName();
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { userName, password = Password, displayName = "Name " + userName });
        registered.EnsureSuccessStatusCode();
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        token.EnsureSuccessStatusCode();
        var tokenBody = await token.Content.ReadFromJsonAsync<JsonElement>();
        return new TestUser(body.GetProperty("userId").GetString()!, userName, tokenBody.GetProperty("accessToken").GetString()!);
    }
}

/// <summary>A registered user and their bearer token.</summary>
public sealed record TestUser(string UserId, string UserName, string Token)
{
    public HttpRequestMessage Authorized(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }
}
