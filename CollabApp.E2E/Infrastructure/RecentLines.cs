namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// The last lines of something that writes from other threads (a child process, a browser's console), for a failure's
/// message; the oldest go first. It counts every line written, so a caller can mark a point and read what came after.
/// </summary>
public sealed class RecentLines(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();
    private long _written;

    /// <summary>How many lines have been written: a mark for <see cref="Since"/>.</summary>
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

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            _written++;
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The lines written from <paramref name="mark"/> on that are still held.</summary>
    public string Since(long mark)
    {
        lock (_lock)
        {
            var held = _written - _lines.Count;
            return string.Join('\n', _lines.Skip((int)Math.Max(0, mark - held)));
        }
    }

    public override string ToString() => Since(0);
}
