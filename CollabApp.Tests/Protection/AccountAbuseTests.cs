using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Protection;

/// <summary>
/// Issue 11, deliverable 3, with the default limits: guessing and mass sign-up are slowed, nobody is locked out; and
/// (deliverable 8) another user's round trips stay fast during each attack.
/// </summary>
public sealed class AccountAbuseTests(Xunit.Abstractions.ITestOutputHelper output)
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
        // The bystander is the real user signing in from their own addresses (a few each, under the per-account limit).
        var realUser = new Bystander(() => SignInSucceedsAsync(http, victim, "10.0.0.5"), TimeSpan.FromMilliseconds(100));
        var baseline = await realUser.MeasureAsync(3);

        var (duringWrong, wrong) = await new Bystander(() => SignInSucceedsAsync(http, victim, "10.0.0.6"), TimeSpan.FromMilliseconds(100))
            .WhileAsync(SignInStatusesAsync(http, Enumerable.Repeat(victim.UserName, 60), "wrong-password", from: "10.0.0.66"), most: 8);
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
        Bystander.AssertUnaffected(baseline, duringWrong, output.WriteLine);
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
        var (client, bob) = await Bystander.JoinChattingAsync(app, http);
        await using var bobsConnection = client;
        var baseline = await bob.MeasureAsync(5);
        var names = Enumerable.Range(0, DefaultRegistrationsPerHour + 5).Select(_ => TestUsers.NewName()).ToList();

        var (during, statuses) = await bob.WhileAsync(RegisterAllAsync(http, names, "10.0.0.66"));

        Assert.Equal(DefaultRegistrationsPerHour, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var refusedName = await SignInAsync(http, names[^1], TestUsers.Password, "10.0.0.8");
        Assert.Equal(HttpStatusCode.Unauthorized, refusedName.StatusCode);
        using var elsewhere = await RegisterAsync(http, TestUsers.NewName(), "10.0.0.9");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
    }

    [Fact]
    public async Task RoomCreation_PerUser_IsRateLimited_AndARefusedOneCreatesNothing()
    {
        await using var app = await TestApp.StartAsync(AppMode.Scaled);
        using var http = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(http);
        var (client, bob) = await Bystander.JoinChattingAsync(app, http);
        await using var bobsConnection = client;
        var baseline = await bob.MeasureAsync(5);

        var (during, statuses) = await bob.WhileAsync(CreateRoomsAsync(http, owner, Enumerable.Range(0, DefaultRoomsPerHour + 1).Select(i => $"r-{i}"), isPrivate: false));

        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain($"r-{DefaultRoomsPerHour}", await RoomIdsAsync(http, owner));
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
    }

    [Fact]
    public async Task RoomsPerUser_HaveAQuota_Forbidden()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?> { ["Collab:Limits:RoomsPerHour"] = "1000" });
        using var http = app.CreateClient();
        var owner = await TestUsers.RegisterAsync(http);
        var (client, bob) = await Bystander.JoinChattingAsync(app, http);
        await using var bobsConnection = client;
        var baseline = await bob.MeasureAsync(5);

        var (during, statuses) = await bob.WhileAsync(CreateRoomsAsync(http, owner, Enumerable.Range(0, DefaultMaxRoomsPerUser).Select(i => $"q-{i}"), isPrivate: true));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));

        using var refused = await http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "q-over", isPrivate = true }));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("forbidden:", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("q-over", await RoomIdsAsync(http, owner));
        var other = await TestUsers.RegisterAsync(http);
        using var othersRoom = await http.SendAsync(other.Authorized(HttpMethod.Post, "/api/rooms", new { roomId = "q-other", isPrivate = true }));
        Assert.Equal(HttpStatusCode.Created, othersRoom.StatusCode);
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
    }

    private static async Task<List<HttpStatusCode>> RegisterAllAsync(HttpClient http, IEnumerable<string> userNames, string from)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var userName in userNames)
        {
            using var response = await RegisterAsync(http, userName, from);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private static async Task<List<HttpStatusCode>> CreateRoomsAsync(HttpClient http, TestUser owner, IEnumerable<string> roomIds, bool isPrivate)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var roomId in roomIds)
        {
            using var response = await http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms", new { roomId, isPrivate }));
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private static async Task SignInSucceedsAsync(HttpClient http, TestUser user, string from)
    {
        using var response = await SignInAsync(http, user.UserName, TestUsers.Password, from);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
