using Microsoft.Playwright;

namespace CollabApp.E2E.Infrastructure;

/// <summary>The users of one test, each in their own browser context (own cookies, own tabs).</summary>
public sealed class Scenario(IBrowser browser, Uri baseUrl) : IAsyncDisposable
{
    private readonly List<User> _users = [];

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>A new browser context and its first tab; nobody is signed in yet.</summary>
    public async Task<User> NewUserAsync(string? userName = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString() });
        context.SetDefaultTimeout((float)Browsers.DefaultTimeout.TotalMilliseconds);
        // Snapshots only (no screencast): cheap enough to record always and keep on failure.
        await context.Tracing.StartAsync(new TracingStartOptions { Snapshots = true, Screenshots = false });
        var user = new User(userName ?? Names.User(), context, await context.NewPageAsync());
        _users.Add(user);
        return user;
    }

    internal async Task SaveArtifactsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var user in _users)
        {
            try
            {
                var tab = 0;
                foreach (var page in user.Context.Pages)
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{user.Name}-tab{tab++}.png"), FullPage = true });
                }
                await user.Context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, $"{user.Name}-trace.zip") });
            }
            catch (PlaywrightException)
            {
                // Best effort: a closed context or a crashed browser must not hide the test's own failure.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in _users)
        {
            await user.Context.CloseAsync();
        }
    }
}
