namespace CollabApp.Observability;

/// <summary>
/// The embedded mode's store: one process, so one instance reports, but held to the same contract as the Redis store
/// (every instance's latest figures while fresh), which the contract suite checks.
/// </summary>
public sealed class InMemoryInstanceStatsStore(TimeProvider time) : IInstanceStatsStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceStats> _latest = new(StringComparer.Ordinal);

    public Task PublishAsync(InstanceStats stats, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _latest[stats.InstanceId] = stats;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InstanceStats>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<InstanceStats>>(
                [.. _latest.Values.Where(s => now - s.At < InstanceStats.FreshFor).OrderBy(s => s.InstanceId, StringComparer.Ordinal)]);
        }
    }
}
