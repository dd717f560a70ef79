using CollabApp.Core.Presence;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Presence shared by all instances, with the in-memory store's rules; every check-and-update is one
/// script (<see cref="RedisPresenceScripts"/>). Times are kept in whole milliseconds.
/// </summary>
public sealed class RedisPresenceStore(IConnectionMultiplexer redis, RedisKeys keys) : IPresenceStore
{
    private const int ExpireBatch = 500;

    public Task<IReadOnlyList<PresenceUpdate>> AddConnectionAsync(string roomId, PresenceConnection connection, bool away, DateTimeOffset now, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () => Updates(await RunAsync(
            RedisPresenceScripts.Add, roomId, connection.ConnectionId, connection.UserId, connection.UserName, now.ToUnixTimeMilliseconds(), away ? 1 : 0)));

    public Task<IReadOnlyList<PresenceUpdate>> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () => Updates(await RunAsync(RedisPresenceScripts.Remove, roomId, connection.ConnectionId)));

    public Task RefreshAsync(IReadOnlyCollection<(string RoomId, PresenceConnection Connection)> connections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (connections.Count == 0)
        {
            return Task.CompletedTask;
        }
        var at = now.ToUnixTimeMilliseconds();
        SortedSetEntry[] entries = [.. connections.Select(c => new SortedSetEntry($"{c.RoomId}:{c.Connection.ConnectionId}", at))];
        // XX: refresh only connections still present, so a refresh racing a removal cannot resurrect one.
        return RedisCalls.GuardAsync(() => redis.GetDatabase().SortedSetAddAsync(keys.PresenceSeen, entries, SortedSetWhen.Exists));
    }

    public Task<IReadOnlyList<PresenceUpdate>> SetStatusAsync(PresenceConnection connection, string status, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () => Updates(await RunAsync(
            RedisPresenceScripts.SetStatus, connection.UserId, connection.ConnectionId, connection.UserName, status)));

    public Task<IReadOnlyList<PresenceEntry>> ListAsync(string roomId, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var rows = (RedisResult[])(await RunAsync(RedisPresenceScripts.List, roomId))!;
            return (IReadOnlyList<PresenceEntry>)
            [
                .. rows
                    .Select(r => (RedisResult[])r!)
                    .Select(r => new PresenceEntry((string)r[0]!, (string)r[1]!, (string)r[2]!, (int)r[3], DateTimeOffset.FromUnixTimeMilliseconds((long)r[4])))
                    .OrderBy(e => e.UserName, StringComparer.OrdinalIgnoreCase),
            ];
        });

    public Task<IReadOnlyList<PresenceUpdate>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var updates = new List<PresenceUpdate>();
            while (true)
            {
                // Batches keep each script short (Redis serves nobody else while one runs).
                var result = (RedisResult[])(await RunAsync(RedisPresenceScripts.Expire, cutoff.ToUnixTimeMilliseconds(), ExpireBatch))!;
                updates.AddRange(Updates(result[1]));
                if ((int)result[0] < ExpireBatch || cancellationToken.IsCancellationRequested)
                {
                    return (IReadOnlyList<PresenceUpdate>)updates;
                }
            }
        });

    // The scripts' { room, userId, userName, status } rows.
    private static IReadOnlyList<PresenceUpdate> Updates(RedisResult rows) =>
    [
        .. ((RedisResult[])rows!)
            .Select(r => (RedisResult[])r!)
            .Select(r => new PresenceUpdate((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!)),
    ];

    private Task<RedisResult> RunAsync(string script, params RedisValue[] arguments) =>
        redis.GetDatabase().ScriptEvaluateAsync(script, [keys.PresenceSeen], [keys.PresencePrefix, .. arguments]);
}
