namespace CollabApp.LoadTool;

/// <summary>
/// Latency samples in milliseconds, summarised by nearest-rank percentiles, and the slowest few with when they ended
/// (seconds since this collection began, and the wall clock), so a stall can be told from a slow start.
/// </summary>
internal sealed class Percentiles
{
    private const int SlowestKept = 5;
    private readonly Lock _gate = new();
    private readonly List<double> _samples = [];
    private readonly List<SlowSample> _slowest = [];
    private readonly long _began = System.Diagnostics.Stopwatch.GetTimestamp();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _samples.Add(milliseconds);
            if (_slowest.Count < SlowestKept || milliseconds > _slowest[^1].Ms)
            {
                var at = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(_began).TotalSeconds, 2);
                _slowest.Add(new SlowSample(at, Round(milliseconds), DateTimeOffset.UtcNow));
                _slowest.Sort((a, b) => b.Ms.CompareTo(a.Ms));
                if (_slowest.Count > SlowestKept)
                {
                    _slowest.RemoveAt(SlowestKept);
                }
            }
        }
    }

    public LatencySummary Summary()
    {
        double[] sorted;
        SlowSample[] slowest;
        lock (_gate)
        {
            sorted = [.. _samples];
            slowest = [.. _slowest];
        }
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencySummary(0, null, null, null, null, null, [])
            : new LatencySummary(sorted.Length, Round(At(sorted, 0.50)), Round(At(sorted, 0.95)), Round(At(sorted, 0.99)), Round(sorted[^1]), Round(sorted.Average()), slowest);
    }

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Round(double value) => Math.Round(value, 3);
}

internal sealed record LatencySummary(int Samples, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs, double? MeanMs, IReadOnlyList<SlowSample> Slowest);

/// <summary>
/// One of the slowest samples: when it ended (seconds since its collection began, and the wall clock, to line it up
/// with the servers' own counters and logs) and how long it took.
/// </summary>
internal sealed record SlowSample(double AtSeconds, double Ms, DateTimeOffset EndedAt);
