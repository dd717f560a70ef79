namespace CollabApp.Core.Events;

/// <summary>
/// Holds an acknowledgement back until the log's copy of the events is safe from a failover: in Redis Cluster, until a
/// replica of each room's primary has everything this instance appended there (<c>WAIT</c>). Without it, a primary that
/// dies before replicating leaves its promoted replica with a prefix of the room's stream, and an acknowledged event
/// the database holds would be missing from the stream that replays and chain checks trust (docs/durability.md).
/// </summary>
public interface IReplicaBarrier
{
    /// <summary>
    /// Completes when the events appended so far by this instance to these rooms are on a replica, or at once when
    /// there is none to wait for. Refused with <see cref="CollabError.Unavailable"/> when a replica did not confirm.
    /// </summary>
    Task ConfirmAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken);
}

/// <summary>One process or one Redis without replicas: nothing to wait for.</summary>
public sealed class NoReplicaBarrier : IReplicaBarrier
{
    public static NoReplicaBarrier Instance { get; } = new();

    public Task ConfirmAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
