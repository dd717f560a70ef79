using System.Diagnostics;

namespace CollabApp.E2E.Infrastructure;

/// <summary>The last lines a child process wrote (stdout and stderr interleaved), to show when it fails.</summary>
public sealed class ProcessOutput
{
    private const int MaxLines = 400;
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private long _written;

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>How many lines the process has written: a mark for <see cref="Since"/>.</summary>
    public long Written
    {
        get
        {
            lock (_lock)
            {
                return _written;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return string.Join('\n', _lines);
        }
    }

    /// <summary>The lines written from <paramref name="mark"/> on that are still held (the oldest go first).</summary>
    public string Since(long mark)
    {
        lock (_lock)
        {
            var held = _written - _lines.Count;
            return string.Join('\n', _lines.Skip((int)Math.Max(0, mark - held)));
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
            _written++;
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
