using System.Net;
using CollabApp.Accounts;

namespace CollabApp.Tests.Hosting;

/// <summary>Issue 11, deliverable 7: after sign-in the app goes only to a path on this site.</summary>
public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/rooms/lobby", true)]
    [InlineData("/", true)]
    [InlineData("/rooms?x=1#y", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\r\n/evil.example", false)]
    [InlineData("/rooms\u0000", false)]
    [InlineData("/rooms\u007f", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("evil.example", false)]
    [InlineData("~/rooms", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocal_FollowsIsLocalUrlForRootedPaths(string? url, bool local)
    {
        Assert.Equal(local, LocalReturnUrl.IsLocal(url));
        Assert.Equal(local ? url : LocalReturnUrl.Fallback, LocalReturnUrl.Or(url));
    }

    [Theory]
    [InlineData("/\t/evil.example", "/rooms")]
    [InlineData("//evil.example", "/rooms")]
    [InlineData("/\\evil.example", "/rooms")]
    [InlineData("/rooms/lobby", "/rooms/lobby")]
    public async Task SignInForm_RedirectsOnlyToALocalPath(string returnUrl, string expected)
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var api = app.CreateClient();
        var user = await TestUsers.RegisterAsync(api);
        using var browser = new BrowserSession(app.First.BaseAddress);

        var response = await browser.SignInAsync(user, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }
}
