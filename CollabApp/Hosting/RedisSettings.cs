using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>Redis naming (<c>Collab__Redis__*</c>); the connection itself is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RedisSettings
{
    public const string SectionName = "Collab:Redis";

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Collab:Redis:Prefix must be 1-40 characters of letters, digits, '_', '.', '-'.")]
    public string Prefix { get; set; } = "collab";

    /// <summary>
    /// The connection string names a Redis Cluster (Redis 7): room channels are sharded (SSUBSCRIBE/SPUBLISH), so a
    /// room's traffic stays on the shard that owns its hash tag. Every instance must agree: a publisher and a
    /// subscriber on different kinds of channel never meet.
    /// </summary>
    public bool Cluster { get; set; }

    /// <summary>
    /// Before a durable event is acknowledged, a replica of its primary has it (<c>WAIT 1</c>), so a failover cannot
    /// lose it (docs/durability.md). Defaults to <see cref="Cluster"/>.
    /// </summary>
    public bool? AwaitReplica { get; set; }

    /// <summary>How long an acknowledgement waits for the replica before the caller is told <c>unavailable:</c>.</summary>
    [Range(10, 10_000, ErrorMessage = "Collab:Redis:ReplicaWaitMilliseconds must be between 10 and 10000.")]
    public int ReplicaWaitMilliseconds { get; set; } = 500;
}
