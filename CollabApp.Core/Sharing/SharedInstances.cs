namespace CollabApp.Core.Sharing;

/// <summary>
/// One instance per distinct value, shared by everything in this process that holds one (issue 13). <see cref="Share"/>
/// gives back the instance already held somewhere that equals the given one, so values that many connections build or
/// decode for themselves (a row's markup in every circuit, a room's messages in every join's snapshot) are held once.
/// <para>Values are held weakly: one that nothing else holds any more is the collector's, and its entry is swept when
/// the table has doubled since the last sweep or, while values keep coming, a minute after it, so what a connection
/// held goes with it and a burst (every row's new text) does not stay in the table.</para>
/// </summary>
public class SharedInstances<T> where T : class, IEquatable<T>
{
    private const int FirstSweep = 1024;
    private const long SweepAfterMs = 60_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<WeakReference<T>>> _byHash = [];
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

    public T Share(T value)
    {
        // Hashed outside the lock: a record hashes all its fields, a row's markup all its characters.
        var hash = value.GetHashCode();
        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var bucket))
            {
                foreach (var entry in bucket)
                {
                    if (entry.TryGetTarget(out var held) && held.Equals(value))
                    {
                        return held;
                    }
                }
            }
            else
            {
                bucket = new List<WeakReference<T>>(1);
                _byHash.Add(hash, bucket);
            }
            bucket.Add(new WeakReference<T>(value));
            if (++_entries >= _sweepAt || (_entries > FirstSweep && Environment.TickCount64 - _sweptAt > SweepAfterMs))
            {
                Sweep();
            }
            return value;
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
