using System.Net;

namespace CollabApp.Tests.Hosting;

/// <summary>Issue 11, deliverable 7: signing out needs the page's antiforgery token (no cross-site sign-out).</summary>
public sealed class LogoutTests
{
    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_Is400_AndTheUserStaysSignedIn()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var api = app.CreateClient();
        using var browser = new BrowserSession(app.First.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(await TestUsers.RegisterAsync(api))).StatusCode);

        var response = await browser.PostFormAsync("/account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/rooms")).StatusCode);
    }

    [Fact]
    public async Task Logout_WithTheLayoutsToken_SignsOut()
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var api = app.CreateClient();
        using var browser = new BrowserSession(app.First.BaseAddress);
        await browser.SignInAsync(await TestUsers.RegisterAsync(api));
        var token = await browser.AntiforgeryTokenAsync("/rooms");

        var response = await browser.PostFormAsync("/account/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        var rooms = await browser.GetAsync("/rooms");
        Assert.Equal(HttpStatusCode.Redirect, rooms.StatusCode);
        Assert.StartsWith("/account/login", rooms.Headers.Location?.PathAndQuery ?? rooms.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
