using System.Diagnostics;

namespace CollabApp.E2E.Infrastructure;

/// <summary>The last lines a child process wrote (stdout and stderr interleaved), to show when it fails.</summary>
public sealed class ProcessOutput
{
    private readonly RecentLines _lines = new(capacity: 400);

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>How many lines the process has written: a mark for <see cref="Since"/>.</summary>
    public long Written => _lines.Written;

    public override string ToString() => _lines.ToString();

    /// <summary>The lines written from <paramref name="mark"/> on that are still held (the oldest go first).</summary>
    public string Since(long mark) => _lines.Since(mark);

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Add(line);
        }
    }
}
