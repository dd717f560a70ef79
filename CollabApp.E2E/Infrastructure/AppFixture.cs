namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// Per test class: one embedded-mode app (SQLite, in-process bus) and one Chromium. Subclasses add
/// settings through <see cref="Options"/>.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private AppInstance? _app;
    private Browsers? _browsers;

    public AppInstance App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    public Browsers Browsers => _browsers ?? throw new InvalidOperationException("This fixture has no browser.");

    protected virtual AppInstanceOptions Options => new();

    /// <summary>False for API-only test classes: no Chromium is launched.</summary>
    protected virtual bool NeedsBrowser => true;

    public async Task InitializeAsync()
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
    public Task RunAsync(Func<Scenario, Task> body, [System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        Browsers.RunAsync(App.BaseUrl, body, testName);

    private static async Task<Browsers?> LaunchAsync() => await Browsers.LaunchAsync();
}
