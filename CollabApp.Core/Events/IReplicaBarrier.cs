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
    /// Completes when these committed events are in their rooms' streams on the current primaries and on a replica of
    /// each (or the primary has no replica, so no failover can take them back). Refused with
    /// <see cref="CollabError.Unavailable"/> otherwise: a replica did not confirm in time, or an event is not in the
    /// stream (its primary died before passing it on); a retry with the same id is then safe.
    /// </summary>
    Task ConfirmAsync(IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken);
}

/// <summary>One process or one Redis without replicas: nothing to wait for.</summary>
public sealed class NoReplicaBarrier : IReplicaBarrier
{
    public static NoReplicaBarrier Instance { get; } = new();

    public Task ConfirmAsync(IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;
}
