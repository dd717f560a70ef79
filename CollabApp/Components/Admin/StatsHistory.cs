using CollabApp.Observability;
using MudBlazor;

namespace CollabApp.Components.Admin;

/// <summary>The admin page's recent samples of every instance, turned into chart series per instance plus their sum.</summary>
public sealed class StatsHistory(int capacity)
{
    private readonly Queue<IReadOnlyList<InstanceStats>> _samples = new();

    public IReadOnlyList<InstanceStats> Latest { get; private set; } = [];

    public string[] Labels { get; private set; } = [];

    public void Add(IReadOnlyList<InstanceStats> sample)
    {
        _samples.Enqueue(sample);
        while (_samples.Count > capacity)
        {
            _samples.Dequeue();
        }
        Latest = sample;
        Labels = [.. _samples.Select((_, i) => i % 10 == 0 ? $"-{(_samples.Count - 1 - i) * 2}s" : "")];
    }

    /// <summary>A level per instance and summed (memory, subscribers).</summary>
    public List<ChartSeries<double>> Levels(Func<InstanceStats, double> value) =>
        Series((previous, current) => value(current));

    /// <summary>A per-second rate of a running total, per instance and summed.</summary>
    public List<ChartSeries<double>> Rates(Func<InstanceStats, long> total) =>
        Series((previous, current) => previous is null || current.At <= previous.At
            ? 0
            : Math.Max(0, total(current) - total(previous)) / (current.At - previous.At).TotalSeconds);

    private List<ChartSeries<double>> Series(Func<InstanceStats?, InstanceStats, double> point)
    {
        var samples = _samples.ToList();
        var instances = samples.SelectMany(s => s).Select(s => s.InstanceId).Distinct().Order(StringComparer.Ordinal).ToList();
        var perInstance = instances.Select(id => new ChartSeries<double>
        {
            Name = id,
            Data = new ChartData<double>([.. samples.Select((sample, i) => ValueAt(samples, i, id, point))]),
        }).ToList();
        var all = new ChartSeries<double>
        {
            Name = "all",
            Data = new ChartData<double>([.. samples.Select((_, i) => instances.Sum(id => ValueAt(samples, i, id, point)))]),
        };
        return [.. perInstance, all];
    }

    private static double ValueAt(List<IReadOnlyList<InstanceStats>> samples, int index, string instanceId, Func<InstanceStats?, InstanceStats, double> point)
    {
        var current = samples[index].FirstOrDefault(s => s.InstanceId == instanceId);
        if (current is null)
        {
            return 0;
        }
        var previous = index == 0 ? null : samples[index - 1].FirstOrDefault(s => s.InstanceId == instanceId);
        return point(previous, current);
    }
}
