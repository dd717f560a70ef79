namespace CollabApp.Observability;

/// <summary>Where instances leave their latest figures and the admin page reads everyone's.</summary>
public interface IInstanceStatsStore
{
    Task PublishAsync(InstanceStats stats, CancellationToken cancellationToken);

    /// <summary>
    /// The latest figures of every instance heard from within <see cref="InstanceStats.FreshFor"/> (older ones are a
    /// stopped instance's), ordered by instance id.
    /// </summary>
    Task<IReadOnlyList<InstanceStats>> ReadAllAsync(CancellationToken cancellationToken);
}
