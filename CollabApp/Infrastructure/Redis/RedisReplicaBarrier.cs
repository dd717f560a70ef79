using CollabApp.Core;
using CollabApp.Core.Events;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// <c>WAIT 1</c> on the primary of each room's slot. WAIT covers every write this connection sent before it, and the
/// multiplexer sends all of a node's commands on one connection, so one WAIT per primary confirms a whole group-commit
/// batch (and whatever else was appended meanwhile). A primary without a connected replica has nothing to wait for:
/// no replica can be promoted over it, so no failover can take its writes back; it is asked (<c>ROLE</c>) only when
/// WAIT came back empty.
/// </summary>
/// <remarks>
/// Redis blocks the connection for the duration of a WAIT, so the node's other commands from this instance queue
/// behind it: normally for one round trip to the replica, at worst <paramref name="timeoutMs"/> when a connected
/// replica stops acknowledging.
/// </remarks>
public sealed class RedisReplicaBarrier(IConnectionMultiplexer redis, RedisKeys keys, int timeoutMs) : IReplicaBarrier
{
    public Task ConfirmAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(() =>
        {
            var primaries = roomIds
                .Select(roomId => redis.GetServer(keys.Events(roomId)))
                .DistinctBy(server => server.EndPoint);
            return Task.WhenAll(primaries.Select(ConfirmOnAsync));
        });

    private async Task ConfirmOnAsync(IServer primary)
    {
        var confirmed = (long)await primary.ExecuteAsync("WAIT", 1, timeoutMs).ConfigureAwait(false);
        if (confirmed >= 1 || !await HasReplicaAsync(primary).ConfigureAwait(false))
        {
            return;
        }
        throw CollabError.Unavailable("the real-time store could not copy it to a replica in time; a retry with the same id is safe.");
    }

    // ROLE on a primary: { "master", offset, { { ip, port, offset }, ... } }, the connected replicas.
    private static async Task<bool> HasReplicaAsync(IServer primary)
    {
        var role = (RedisResult[])(await primary.ExecuteAsync("ROLE").ConfigureAwait(false))!;
        return role.Length > 2 && ((RedisResult[])role[2]!).Length > 0;
    }
}
