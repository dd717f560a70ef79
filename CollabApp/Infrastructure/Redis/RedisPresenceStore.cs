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

    public Task<bool> AddConnectionAsync(string roomId, PresenceConnection connection, DateTimeOffset now, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () => (int)await RunAsync(
            RedisPresenceScripts.Add, roomId, connection.ConnectionId, connection.UserId, connection.UserName, now.ToUnixTimeMilliseconds()) == 1);

    public Task<bool> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () => (int)await RunAsync(
            RedisPresenceScripts.Remove, roomId, connection.ConnectionId, connection.UserId) == 1);

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

    public Task<IReadOnlyList<string>> SetStatusAsync(string userId, string status, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var rooms = (RedisResult[])(await RunAsync(RedisPresenceScripts.SetStatus, userId, status))!;
            return (IReadOnlyList<string>)[.. rooms.Select(r => (string)r!)];
        });

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

    public Task<IReadOnlyList<PresenceDeparture>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var departures = new List<PresenceDeparture>();
            while (true)
            {
                // Batches keep each script short (Redis serves nobody else while one runs).
                var result = (RedisResult[])(await RunAsync(RedisPresenceScripts.Expire, cutoff.ToUnixTimeMilliseconds(), ExpireBatch))!;
                foreach (var departure in (RedisResult[])result[1]!)
                {
                    var d = (RedisResult[])departure!;
                    departures.Add(new PresenceDeparture((string)d[0]!, (string)d[1]!, (string)d[2]!));
                }
                if ((int)result[0] < ExpireBatch || cancellationToken.IsCancellationRequested)
                {
                    return (IReadOnlyList<PresenceDeparture>)departures;
                }
            }
        });

    private Task<RedisResult> RunAsync(string script, params RedisValue[] arguments) =>
        redis.GetDatabase().ScriptEvaluateAsync(script, [keys.PresenceSeen], [keys.PresencePrefix, .. arguments]);
}
