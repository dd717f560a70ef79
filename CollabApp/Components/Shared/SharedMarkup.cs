using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Shared;

/// <summary>
/// Markup strings shared by every circuit of this instance (issue 13). A list whose rows are kept markup rebuilds each
/// row's text at every render; <see cref="Keep"/> gives back the instance that is already held somewhere with the same
/// text. So a room's viewers on one instance hold one copy of each to-do row and each message row (a row differs only
/// where the viewer does: a mention of them, the buttons on their own messages), a component's current and previous
/// render trees share it, and the renderer's diff sees the same reference and skips it.
/// <para>Strings are held weakly: one that no render tree holds any more is the collector's, and its entry is swept
/// when the table has doubled since the last sweep or, while strings keep coming, a minute after it, so what a
/// circuit showed goes with the circuit and a burst (every row's new time) does not stay in the table.</para>
/// </summary>
public sealed class SharedMarkup
{
    private const int FirstSweep = 1024;
    private const long SweepAfterMs = 60_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<WeakReference<string>>> _byHash = [];
    private int _entries;
    private int _sweepAt = FirstSweep;
    private long _sweptAt = Environment.TickCount64;

    /// <summary>Entries in the table, some possibly collected and not swept yet.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries;
            }
        }
    }

    public MarkupString Keep(string html) => new(Share(html));

    public string Share(string html)
    {
        var hash = string.GetHashCode(html, StringComparison.Ordinal);
        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var bucket))
            {
                foreach (var entry in bucket)
                {
                    if (entry.TryGetTarget(out var held) && string.Equals(held, html, StringComparison.Ordinal))
                    {
                        return held;
                    }
                }
            }
            else
            {
                bucket = new List<WeakReference<string>>(1);
                _byHash.Add(hash, bucket);
            }
            bucket.Add(new WeakReference<string>(html));
            if (++_entries >= _sweepAt || (_entries > FirstSweep && Environment.TickCount64 - _sweptAt > SweepAfterMs))
            {
                Sweep();
            }
            return html;
        }
    }

    private void Sweep()
    {
        var entries = 0;
        foreach (var (hash, bucket) in _byHash)
        {
            bucket.RemoveAll(entry => !entry.TryGetTarget(out _));
            if (bucket.Count == 0)
            {
                _byHash.Remove(hash);
            }
            entries += bucket.Count;
        }
        _entries = entries;
        _sweepAt = Math.Max(FirstSweep, entries * 2);
        _sweptAt = Environment.TickCount64;
    }
}
