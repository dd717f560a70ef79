using CollabApp.Core;
using CollabApp.Core.Events;
using StackExchange.Redis;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The scaled mode's room streams: a Redis stream per room (<see cref="RedisKeys.Events"/>), appended to and
/// published from by one Lua script (<see cref="RedisEventScripts.Append"/>), so publish order is commit order
/// across all instances. Entries hold the envelope without its id; the stream id is the event id.
/// </summary>
public sealed class RedisRoomEventLog(IConnectionMultiplexer redis, RedisKeys keys, UnstoredRoomList unstoredRooms, EventLogOptions options, RoomEventCatalog types, TimeProvider time) : IRoomEventLog
{
    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var database = redis.GetDatabase();
            var now = time.GetUtcNow();
            if (request.AwaitsStore)
            {
                unstoredRooms.List(database, request.RoomId, now);
            }
            var payload = RoomEventJson.SerializeUncommitted(request.RoomId, request.Type, request.At, request.Data);
            var checkedKeys = request.KeysChecked switch
            {
                null => string.Empty,
                { RoomHasHistory: true } => "1",
                _ => "0",
            };
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                RedisEventScripts.Append,
                [
                    keys.Events(request.RoomId), keys.Idempotency(request.RoomId), keys.IdempotencyAge(request.RoomId),
                    keys.EventsTrimmed(request.RoomId), keys.Unstored(request.RoomId), keys.KeysTrustedFrom(request.RoomId),
                    keys.EventBytes(request.RoomId),
                ],
                [
                    payload, options.RetainedEvents, request.IdempotencyKey ?? string.Empty, keys.ChannelName(request.RoomId),
                    request.AwaitsStore ? "1" : "0", options.MaxUnstoredEvents, checkedKeys, now.ToUnixTimeMilliseconds(),
                    (long)options.KeyCheckWindow.TotalMilliseconds, keys.PublishCommand, options.RetainedBytes,
                ]).ConfigureAwait(false))!;
            switch ((int)result[0])
            {
                case 1:
                    return new AppendResult(AppendOutcome.Duplicate, RoomEventJson.Deserialize((string)result[2]!, types, (string)result[1]!));
                case 2:
                    return AppendResult.KeysUnverified;
                case 3:
                    throw CollabError.Unavailable("the database is behind; nothing was sent. Try again shortly.");
            }
            EventId.TryParse((string)result[1]!, out var id);
            return new AppendResult(AppendOutcome.Committed, RoomEvents.Committed(id, request.RoomId, request.Type, request.At, request.Data));
        });

    public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                RedisEventScripts.ReadAfter, [keys.Events(roomId), keys.EventsTrimmed(roomId)], [after.ToString()]).ConfigureAwait(false))!;
            if ((int)result[0] == 0)
            {
                return ReplayResult.NotResumable;
            }
            var entries = (RedisResult[])result[1]!;
            return new ReplayResult(true, [.. entries.Select(ToEvent)]);
        });

    public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var newest = await redis.GetDatabase().StreamRangeAsync(keys.Events(roomId), "-", "+", 1, Order.Descending).ConfigureAwait(false);
            return newest.Length > 0 && EventId.TryParse(newest[0].Id, out var id) ? id : (EventId?)null;
        });

    public Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                RedisEventScripts.SnapshotPoint, [keys.Events(roomId), keys.EventsTrimmed(roomId), keys.Unstored(roomId)]).ConfigureAwait(false))!;
            EventId? storedUpTo = EventId.TryParse((string?)result[0], out var id) ? id : null;
            return new SnapshotPoint(storedUpTo, [.. ((RedisResult[])result[1]!).Select(ToEvent)]);
        });

    public Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(() => redis.GetDatabase().SortedSetRemoveAsync(keys.Unstored(roomId), [.. ids.Select(i => (RedisValue)i.ToString())]));

    public Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var database = redis.GetDatabase();
            var found = new List<RoomEvent>();
            var idleSince = (time.GetUtcNow() - UnstoredRoomList.ForgetAfter).ToUnixTimeMilliseconds();
            foreach (var room in await database.SetMembersAsync(keys.UnstoredRooms).ConfigureAwait(false))
            {
                var roomId = (string)room!;
                var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                    RedisEventScripts.ReadUnstored,
                    [keys.Events(roomId), keys.Unstored(roomId)],
                    [appendedBefore.ToUnixTimeMilliseconds(), limit - found.Count, idleSince]).ConfigureAwait(false))!;
                found.AddRange(((RedisResult[])result[1]!).Select(ToEvent));
                if ((int)result[0] == 1)
                {
                    await database.SetRemoveAsync(keys.UnstoredRooms, room).ConfigureAwait(false);
                }
                if (found.Count >= limit)
                {
                    break;
                }
            }
            return (IReadOnlyList<RoomEvent>)found;
        });

    // An XRANGE entry as a script returns it: { id, { "p", payload } }.
    private RoomEvent ToEvent(RedisResult entry)
    {
        var parts = (RedisResult[])entry!;
        var fields = (RedisResult[])parts[1]!;
        return RoomEventJson.Deserialize((string)fields[1]!, types, (string)parts[0]!);
    }
}
