using Microsoft.Playwright;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// One Playwright driver and one headless Chromium (Debian's, COLLAB_TEST_CHROMIUM) per test class
/// fixture; each test runs as a <see cref="Scenario"/> with one browser context per user.
/// </summary>
public sealed class Browsers : IAsyncDisposable
{
    /// <summary>Web-first assertions and actions wait this long for their condition (2 cores, several apps).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(3);

    private readonly IPlaywright _playwright;

    private Browsers(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Browsers> LaunchAsync()
    {
        var executable = TestEnvironment.Chromium;
        Assertions.SetDefaultExpectTimeout((float)DefaultTimeout.TotalMilliseconds);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // No DNS look-ups to the outside world; the app is on 127.0.0.1.
                Args = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
            });
            return new Browsers(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a test body against <paramref name="baseUrl"/>. Contexts are closed afterwards; when the body
    /// fails, each user's trace and a screenshot of each open tab are saved under the results folder, and the
    /// failure carries each tab's address and console (CI shows only the message).
    /// </summary>
    public async Task RunAsync(Uri baseUrl, Func<Scenario, Task> body, string testName)
    {
        await using var scenario = new Scenario(Browser, baseUrl);
        try
        {
            await body(scenario).WaitAsync(ScenarioTimeout);
        }
        catch (Exception e)
        {
            await scenario.SaveArtifactsAsync(Path.Combine(TestEnvironment.ResultsFolder, testName));
            throw new ScenarioFailedException(e, scenario.Describe());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
