namespace CollabApp.Observability;

/// <summary>Where instances leave their latest figures and the admin page reads everyone's.</summary>
public interface IInstanceStatsStore
{
    Task PublishAsync(InstanceStats stats, CancellationToken cancellationToken);

    /// <summary>The latest figures of every instance heard from recently.</summary>
    Task<IReadOnlyList<InstanceStats>> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>The embedded mode's store: one process, one instance.</summary>
public sealed class InMemoryInstanceStatsStore : IInstanceStatsStore
{
    private volatile InstanceStats? _latest;

    public Task PublishAsync(InstanceStats stats, CancellationToken cancellationToken)
    {
        _latest = stats;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InstanceStats>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InstanceStats>>(_latest is { } latest ? [latest] : []);
}
