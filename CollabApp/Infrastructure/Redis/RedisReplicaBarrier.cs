using CollabApp.Core;
using CollabApp.Core.Events;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Confirms a group-commit batch with one <c>WAIT 1</c> per primary and one read per room, sent together. WAIT covers
/// every write this connection sent before it, and the multiplexer sends all of a node's commands on one connection,
/// so one WAIT confirms the whole batch (and whatever else was appended meanwhile). The read checks that each event is
/// in its stream on the node answering now: an append answered by a primary that then died, before its replica had
/// it, is not, although WAIT on the promoted replica's connection would say nothing against it.
/// A primary without a connected replica has nothing to wait for: no replica can be promoted over it, so no failover can
/// take its writes back (after a failover, the promoted replica is alone until the old node returns).
/// </summary>
/// <remarks>
/// Redis blocks the connection for the duration of a WAIT, so the node's other commands from this instance queue
/// behind it: normally for one round trip to the replica, at worst <paramref name="timeoutMs"/> when a connected
/// replica stops acknowledging.
/// </remarks>
public sealed class RedisReplicaBarrier(IConnectionMultiplexer redis, RedisKeys keys, int timeoutMs) : IReplicaBarrier
{
    /// <summary>KEYS: stream. ARGV: event ids. Returns 1 when every one is in the stream.</summary>
    private const string AllInStream = """
        for _, id in ipairs(ARGV) do
          if #redis.call('XRANGE', KEYS[1], id, id) == 0 then return 0 end
        end
        return 1
        """;

    public Task ConfirmAsync(IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var rooms = events.GroupBy(e => e.RoomId, StringComparer.Ordinal).ToList();
            var primaries = rooms.Select(room => redis.GetServer(keys.Events(room.Key))).DistinctBy(server => server.EndPoint).ToList();
            var waits = primaries.Select(ReplicatedAsync).ToList();
            var database = redis.GetDatabase();
            var reads = rooms.Select(room => database.ScriptEvaluateAsync(
                AllInStream, [keys.Events(room.Key)], [.. room.Select(e => (RedisValue)e.EventId)])).ToList();
            var replicated = await Task.WhenAll(waits).ConfigureAwait(false);
            var inStreams = await Task.WhenAll(reads).ConfigureAwait(false);
            if (inStreams.Any(r => (int)r != 1))
            {
                throw CollabError.Unavailable("the real-time store lost it in a failover; a retry with the same id is safe.");
            }
            if (replicated.Any(ok => !ok))
            {
                throw CollabError.Unavailable("the real-time store could not copy it to a replica in time; a retry with the same id is safe.");
            }
        });

    private async Task<bool> ReplicatedAsync(IServer primary)
    {
        var confirmed = (long)await primary.ExecuteAsync("WAIT", 1, timeoutMs).ConfigureAwait(false);
        return confirmed >= 1 || !await HasReplicaAsync(primary).ConfigureAwait(false);
    }

    // ROLE on a primary: { "master", offset, { { ip, port, offset }, ... } }, the connected replicas.
    private static async Task<bool> HasReplicaAsync(IServer primary)
    {
        var role = (RedisResult[])(await primary.ExecuteAsync("ROLE").ConfigureAwait(false))!;
        return role.Length > 2 && ((RedisResult[])role[2]!).Length > 0;
    }
}
