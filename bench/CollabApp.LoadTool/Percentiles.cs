namespace CollabApp.LoadTool;

/// <summary>Latency samples in milliseconds, summarised by nearest-rank percentiles.</summary>
internal sealed class Percentiles
{
    private readonly Lock _gate = new();
    private readonly List<double> _samples = [];

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
        }
    }

    public LatencySummary Summary()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _samples];
        }
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencySummary(0, null, null, null, null, null)
            : new LatencySummary(sorted.Length, Round(At(sorted, 0.50)), Round(At(sorted, 0.95)), Round(At(sorted, 0.99)), Round(sorted[^1]), Round(sorted.Average()));
    }

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Round(double value) => Math.Round(value, 3);
}

internal sealed record LatencySummary(int Samples, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs, double? MeanMs);
