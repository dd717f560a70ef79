using Microsoft.Playwright;

namespace CollabApp.E2E.Infrastructure;

/// <summary>The users of one test, each in their own browser context (own cookies, own tabs).</summary>
public sealed class Scenario(IBrowser browser, Uri baseUrl) : IAsyncDisposable
{
    private readonly List<User> _users = [];
    // One clock for every user's console, so that their lines can be read against each other.
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>
    /// A new browser context and its first tab; nobody is signed in yet. Its relative addresses resolve against
    /// <paramref name="baseUrl"/> when given (one instance of several, say), else against the scenario's.
    /// </summary>
    public async Task<User> NewUserAsync(string? userName = null, Uri? baseUrl = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = (baseUrl ?? BaseUrl).ToString() });
        context.SetDefaultTimeout((float)Browsers.DefaultTimeout.TotalMilliseconds);
        // Snapshots only (no screencast): cheap enough to record always and keep on failure.
        await context.Tracing.StartAsync(new TracingStartOptions { Snapshots = true, Screenshots = false });
        var log = new BrowserLog(_clock);
        log.Attach(context);
        var user = new User(userName ?? Names.User(), context, await context.NewPageAsync(), log);
        lock (_users)
        {
            _users.Add(user);
        }
        return user;
    }

    /// <summary>Each user's open tabs (their addresses) and console: what a failure's message shows of the browsers.</summary>
    internal string Describe()
    {
        var text = new System.Text.StringBuilder();
        foreach (var user in Users())
        {
            text.Append("user ").Append(user.Name).Append(", tabs at: ");
            text.AppendJoin(", ", user.Context.Pages.Select(page => page.Url)).Append('\n');
            text.Append(user.Log).Append('\n');
        }
        return text.ToString();
    }

    internal async Task SaveArtifactsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var user in Users())
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

    // A body that timed out may still be adding users while the failure is described.
    private User[] Users()
    {
        lock (_users)
        {
            return [.. _users];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in Users())
        {
            await user.Context.CloseAsync();
        }
    }
}
