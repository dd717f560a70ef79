using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Protection;

/// <summary>Issue 11, deliverable 3, with the default limits: guessing and mass sign-up are slowed, nobody is locked out.</summary>
public sealed class AccountAbuseTests
{
    private const int DefaultSignInsPerAccountPerMinute = 10;
    private const int DefaultRegistrationsPerHour = 50;
    private const int DefaultRoomsPerHour = 30;
    private const int DefaultMaxRoomsPerUser = 100;

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task PasswordGuessing_IsThrottled_ButTheRealUserFromAnotherAddressSignsIn(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var http = app.CreateClient();
        var victim = await TestUsers.RegisterAsync(http);

        var wrong = await SignInStatusesAsync(http, Enumerable.Repeat(victim.UserName, 60), "wrong-password", from: "10.0.0.66");
        var unknown = await SignInStatusesAsync(http, Enumerable.Range(0, 60).Select(i => $"nobody{i}"), "wrong-password", from: "10.0.0.66");

        Assert.Equal(DefaultSignInsPerAccountPerMinute, wrong.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.All(wrong.Skip(DefaultSignInsPerAccountPerMinute), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, unknown);
        // The address is throttled even with the right password: a refused attempt learns nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(http, victim.UserName, TestUsers.Password, "10.0.0.66")).StatusCode);
        using var throttled = await SignInAsync(http, victim.UserName, "wrong-password", "10.0.0.66");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        using var real = await SignInAsync(http, victim.UserName, TestUsers.Password, "10.0.0.7");
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
    }

    [Fact]
    public async Task TheSignInForm_IsThrottledToo()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var http = app.CreateClient();
        var victim = await TestUsers.RegisterAsync(http);
        using var session = new BrowserSession(app.First.BaseAddress);

        var statuses = new List<HttpStatusCode>();
        // Registering signed the user in once through the API from this address: the same bucket as the form's.
        for (var i = 1; i <= DefaultSignInsPerAccountPerMinute; i++)
        {
            var token = await session.AntiforgeryTokenAsync("/account/login");
            using var response = await session.PostFormAsync("/account/login", new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = victim.UserName,
                ["Input.Password"] = "wrong-password",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Registrations_PerAddress_AreLimited_AndARefusedOneCreatesNothing()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var http = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        var names = Enumerable.Range(0, DefaultRegistrationsPerHour + 5).Select(_ => TestUsers.NewName()).ToList();
        foreach (var name in names)
        {
            using var response = await RegisterAsync(http, name, "10.0.0.66");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(DefaultRegistrationsPerHour, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var refusedName = await SignInAsync(http, names[^1], TestUsers.Password, "10.0.0.8");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedName.StatusCode);
        using var elsewhere = await RegisterAsync(http, TestUsers.NewName(), "10.0.0.9");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task RoomCreation_PerUser_IsRateLimited_AndARefusedOneCreatesNothing()
    {
        await using var app = await TestApp.StartAsync(AppMode.Scaled);
        using var http = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(http);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= DefaultRoomsPerHour; i++)
        {
            using var response = await http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = $"r-{i}", isPrivate = false }));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain($"r-{DefaultRoomsPerHour}", await RoomIdsAsync(http, owner));
    }

    [Fact]
    public async Task RoomsPerUser_HaveAQuota_Forbidden()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?> { ["Collab:Limits:RoomsPerHour"] = "1000" });
        using var http = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(http);
        for (var i = 0; i < DefaultMaxRoomsPerUser; i++)
        {
            using var created = await http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = $"q-{i}", isPrivate = true }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var refused = await http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "q-over", isPrivate = true }));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("forbidden:", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("q-over", await RoomIdsAsync(http, owner));
        var other = await TestUsers.RegisterAsync(http);
        using var othersRoom = await http.SendAsync(other.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "q-other", isPrivate = true }));
        Assert.Equal(HttpStatusCode.Created, othersRoom.StatusCode);
    }

    private static async Task<List<HttpStatusCode>> SignInStatusesAsync(HttpClient http, IEnumerable<string> userNames, string password, string from)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var userName in userNames)
        {
            using var response = await SignInAsync(http, userName, password, from);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    // The app trusts X-Forwarded-For from loopback (the nginx in front of it), so a test can speak from any address.
    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string userName, string password, string from) =>
        http.SendAsync(From(from, HttpMethod.Post, "/api/auth/token", new { userName, password }));

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient http, string userName, string from) =>
        http.SendAsync(From(from, HttpMethod.Post, "/api/auth/register", new { userName, password = TestUsers.Password }));

    private static HttpRequestMessage From(string address, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private static async Task<string[]> RoomIdsAsync(HttpClient http, TestUser user)
    {
        using var response = await http.SendAsync(user.Authorized(HttpMethod.Get, "/api/rooms"));
        var rooms = await response.Content.ReadFromJsonAsync<JsonElement[]>();
        return [.. rooms!.Select(r => r.GetProperty("roomId").GetString()!)];
    }
}
