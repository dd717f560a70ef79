using System.Diagnostics;

namespace CollabApp.E2E.Infrastructure;

/// <summary>The last lines a child process wrote (stdout and stderr interleaved), to show when it fails.</summary>
public sealed class ProcessOutput
{
    private const int MaxLines = 400;
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return string.Join('\n', _lines);
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
