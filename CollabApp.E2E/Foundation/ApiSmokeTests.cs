using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CollabApp.E2E.Infrastructure;

namespace CollabApp.E2E.Foundation;

/// <summary>
/// docs/protocol.md's HTTP API through the real Kestrel process (the integration tests cover the cases in
/// process; this proves the published routes, JSON and status codes of the running app).
/// </summary>
public sealed class ApiSmokeTests(ApiAppFixture fixture) : IClassFixture<ApiAppFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Api_RegisterTokenRooms_AnswerWithProtocolStatusCodes()
    {
        await fixture.StartAsync();
        using var http = new HttpClient { BaseAddress = fixture.App.BaseUrl, Timeout = Timeout };
        var userName = Names.User();

        using (var created = await http.PostAsJsonAsync("api/auth/register", new { userName, password = Names.Password, displayName = "Ann" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await ReadAsync(created);
            Assert.Equal(userName, body.GetProperty("userName").GetString());
            Assert.Equal("Ann", body.GetProperty("displayName").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("userId").GetString()));
        }
        await AssertStatusAsync(HttpStatusCode.Conflict, http.PostAsJsonAsync("api/auth/register", new { userName = userName.ToUpperInvariant(), password = Names.Password }));
        await AssertStatusAsync(HttpStatusCode.BadRequest, http.PostAsJsonAsync("api/auth/register", new { userName = "x", password = Names.Password }));
        await AssertStatusAsync(HttpStatusCode.BadRequest, http.PostAsJsonAsync("api/auth/register", new { userName = Names.User(), password = "short" }));

        await AssertStatusAsync(HttpStatusCode.Unauthorized, http.PostAsJsonAsync("api/auth/token", new { userName, password = "wrong-password" }));
        string token;
        using (var issued = await http.PostAsJsonAsync("api/auth/token", new { userName, password = Names.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            var body = await ReadAsync(issued);
            token = body.GetProperty("accessToken").GetString()!;
            Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        }

        await AssertStatusAsync(HttpStatusCode.Unauthorized, http.GetAsync("api/rooms"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var list = await http.GetAsync("api/rooms"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var rooms = await ReadAsync(list);
            Assert.Contains(rooms.EnumerateArray(), r => r.GetProperty("roomId").GetString() == "lobby");
        }

        var roomId = Names.Room();
        using (var room = await http.PostAsJsonAsync("api/rooms", new { roomId, name = "Smoke", isPrivate = true }))
        {
            Assert.Equal(HttpStatusCode.Created, room.StatusCode);
            Assert.True((await ReadAsync(room)).GetProperty("isPrivate").GetBoolean());
        }
        await AssertStatusAsync(HttpStatusCode.Conflict, http.PostAsJsonAsync("api/rooms", new { roomId, name = "Again" }));
        await AssertStatusAsync(HttpStatusCode.BadRequest, http.PostAsJsonAsync("api/rooms", new { roomId = "Not Valid!", name = "Bad" }));
    }

    private static async Task AssertStatusAsync(HttpStatusCode expected, Task<HttpResponseMessage> request)
    {
        using var response = await request.WaitAsync(Timeout);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(Timeout);
}
