namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// Per test class: one embedded-mode app (SQLite, in-process bus) and one Chromium. Subclasses add
/// settings through <see cref="Options"/>. Started on first use, not by xunit: xunit builds class
/// fixtures even for classes whose tests are all skipped, and an app plus a browser cost seconds.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private readonly Lazy<Task> _start;
    private AppInstance? _app;
    private Browsers? _browsers;

    public AppFixture() => _start = new Lazy<Task>(StartCoreAsync);

    public AppInstance App => _app ?? throw new InvalidOperationException("Call StartAsync first.");

    public Browsers Browsers => _browsers ?? throw new InvalidOperationException("Call StartAsync first (and this fixture must need a browser).");

    protected virtual AppInstanceOptions Options => new();

    /// <summary>False for API-only test classes: no Chromium is launched.</summary>
    protected virtual bool NeedsBrowser => true;

    /// <summary>Starts the app (and Chromium) once; later calls wait for the same start.</summary>
    public Task StartAsync() => _start.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browsers is not null)
        {
            await _browsers.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Runs a test body against this fixture's app (see <see cref="Browsers.RunAsync"/>).</summary>
    public async Task RunAsync(Func<Scenario, Task> body, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        await StartAsync();
        var outputMark = App.OutputMark;
        try
        {
            await Browsers.RunAsync(App.BaseUrl, body, testName);
        }
        catch (Exception e)
        {
            await SaveAppLogAsync(testName);
            // CI keeps the message only: a crashed circuit, the likeliest cause of a page that stopped changing, goes in it.
            if (CircuitCrash(App.OutputSince(outputMark)) is { } crash)
            {
                throw new InvalidOperationException($"a circuit crashed during the test:\n{crash}", e);
            }
            throw;
        }
        // A circuit that ends on an unhandled exception loses the user's tab silently (later clicks do nothing); a
        // test can pass before the damage shows, so any such crash during a test fails it.
        if (CircuitCrash(App.OutputSince(outputMark)) is { } crashAfterPassing)
        {
            await SaveAppLogAsync(testName);
            throw new InvalidOperationException($"a circuit crashed during the test:\n{crashAfterPassing}");
        }
    }

    private async Task SaveAppLogAsync(string testName)
    {
        var folder = Path.Combine(TestEnvironment.ResultsFolder, testName);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "app.log"), App.Output);
    }

    private static string? CircuitCrash(string output)
    {
        const string crash = "Unhandled exception in circuit";
        var at = output.IndexOf(crash, StringComparison.Ordinal);
        return at < 0 ? null : output[at..Math.Min(output.Length, at + 1500)];
    }

    private async Task StartCoreAsync()
    {
        var app = AppInstance.StartAsync(Options);
        var browsers = NeedsBrowser ? LaunchAsync() : Task.FromResult<Browsers?>(null);
        try
        {
            await Task.WhenAll(app, browsers);
        }
        finally
        {
            _app = app.IsCompletedSuccessfully ? app.Result : null;
            _browsers = browsers.IsCompletedSuccessfully ? browsers.Result : null;
        }
    }

    private static async Task<Browsers?> LaunchAsync() => await Browsers.LaunchAsync();
}
