using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CollabApp.Tests.Hosting;

public sealed class AccountApiTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Register_ThenToken_GivesAWorkingBearerToken(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var name = TestUsers.NewName();

        var registered = await client.PostAsJsonAsync("/api/auth/register", new { userName = name, password = TestUsers.Password, displayName = "Ada" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, body.GetProperty("userName").GetString());
        Assert.Equal("Ada", body.GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("userId").GetString()));

        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = name, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var tokenBody = await token.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokenBody.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        var user = new TestUser(body.GetProperty("userId").GetString()!, name, tokenBody.GetProperty("accessToken").GetString()!);
        var rooms = await client.SendAsync(user.Authorized(HttpMethod.Get, "/api/rooms"));
        Assert.Equal(HttpStatusCode.OK, rooms.StatusCode);
    }

    [Theory]
    [InlineData("ab", TestUsers.Password)]
    [InlineData("has space", TestUsers.Password)]
    [InlineData("toolong_toolong_toolong_toolong_x", TestUsers.Password)]
    [InlineData("fine_name", "short")]
    [InlineData("fine_name", "")]
    [InlineData(null, TestUsers.Password)]
    public async Task Register_BadNameOrWeakPassword_Is400WithProblemDetails(string? userName, string password)
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { userName, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The registration is not valid.", problem.GetProperty("title").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name is "userName" or "password");
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Register_TakenName_Is409_CaseInsensitively(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var name = TestUsers.NewName();
        await TestUsers.RegisterAsync(client, name);

        var again = await client.PostAsJsonAsync("/api/auth/register", new { userName = name.ToUpperInvariant(), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("That user name is taken.", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Register_MalformedJson_Is400()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();

        var response = await client.PostAsync("/api/auth/register", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task Token_WrongPasswordOrUnknownUser_Is401(AppMode mode)
    {
        await using var app = await TestApp.StartAsync(mode);
        using var client = app.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        var wrongPassword = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = "not-the-password" });
        var unknownUser = await client.PostAsJsonAsync("/api/auth/token", new { userName = TestUsers.NewName(), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
    }

    [Fact]
    public async Task Token_WrongPasswords_LockNoAccount()
    {
        // Issue 11: a lockout after failed attempts let anyone lock anyone out; guessing is throttled per address instead.
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = "wrong-password" });
        }
        var rightPassword = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutToken_Is401_NotARedirect()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var client = app.CreateClient();

        var rooms = await client.GetAsync("/api/rooms");
        var negotiate = await client.PostAsync("/hubs/collab/negotiate?negotiateVersion=1", null);
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/rooms");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.token");
        var withForgedToken = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, rooms.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedToken.StatusCode);
    }
}
