namespace CollabApp.Tests.Hosting;

/// <summary>
/// A circuit that ends on an error leaves a page that looks alive and answers nothing. blazor.web.js shows the element
/// with id blazor-error-ui when that happens and makes its links with class reload reload the page; without the element
/// the user is told nothing. It is part of every page the server renders.
/// </summary>
public sealed class ErrorNoticeTests
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/rooms")]
    public async Task EveryPage_CarriesTheHiddenNoticeBlazorShowsWhenItsCircuitEndsOnAnError(string path)
    {
        await using var app = await TestApp.StartAsync(AppMode.Embedded);
        using var api = app.CreateClient();
        using var browser = new BrowserSession(app.First.BaseAddress);
        await browser.SignInAsync(await TestUsers.RegisterAsync(api));

        var html = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();

        var notice = html.IndexOf("<div id=\"blazor-error-ui\" role=\"alert\"", StringComparison.Ordinal);
        Assert.True(notice >= 0, "the error notice is on the page, announced when shown");
        var end = html.IndexOf("</div>", notice, StringComparison.Ordinal);
        var text = html[notice..end];
        Assert.Matches("<a href(=\"\")? class=\"reload\">Reload</a>", text);
    }
}
