using System.Diagnostics;
using Microsoft.Playwright;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// The last console lines and page errors of one browser context, stamped with the time since the test began.
/// CI keeps only what a failing test prints, not its trace, so a failure message carries these: Blazor writes a
/// dropped circuit connection, a reconnect and a circuit's error to the console, and those explain most of what a
/// screenshot cannot.
/// </summary>
public sealed class BrowserLog(Stopwatch clock)
{
    private readonly RecentLines _lines = new(capacity: 40);

    public void Attach(IBrowserContext context)
    {
        context.Console += (_, message) => Add($"{message.Type}: {message.Text}");
        context.WebError += (_, error) => Add($"page error: {error.Error}");
    }

    public override string ToString() => _lines.Written == 0 ? "(nothing)" : _lines.ToString();

    private void Add(string line) => _lines.Add($"{clock.Elapsed.TotalSeconds,7:F1}s {line}");
}
