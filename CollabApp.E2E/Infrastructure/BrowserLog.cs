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
    private const int MaxLines = 40;
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Attach(IBrowserContext context)
    {
        context.Console += (_, message) => Add($"{message.Type}: {message.Text}");
        context.WebError += (_, error) => Add($"page error: {error.Error}");
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _lines.Count == 0 ? "(nothing)" : string.Join('\n', _lines);
        }
    }

    private void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue($"{clock.Elapsed.TotalSeconds,7:F1}s {line}");
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
