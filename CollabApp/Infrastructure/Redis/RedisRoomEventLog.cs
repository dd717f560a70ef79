using CollabApp.Core.Events;
using StackExchange.Redis;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The scaled mode's room streams: a Redis stream per room (<see cref="RedisKeys.Events"/>), appended to and
/// published from by one Lua script (<see cref="RedisEventScripts.Append"/>), so publish order is commit order
/// across all instances. Entries hold the envelope without its id; the stream id is the event id.
/// </summary>
public sealed class RedisRoomEventLog(IConnectionMultiplexer redis, RedisKeys keys, EventLogOptions options) : IRoomEventLog
{
    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var payload = RoomEventJson.SerializeUncommitted(request.RoomId, request.Type, request.At, request.Data);
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                RedisEventScripts.Append,
                [keys.Events(request.RoomId), keys.Idempotency(request.RoomId), keys.IdempotencyAge(request.RoomId), keys.EventsTrimmed(request.RoomId)],
                [payload, options.RetainedEvents, request.IdempotencyKey ?? string.Empty, keys.ChannelName(request.RoomId)]).ConfigureAwait(false))!;
            var eventId = (string)result[1]!;
            if ((int)result[0] == 1)
            {
                return new AppendResult(RoomEventJson.Deserialize((string)result[2]!, eventId), IsDuplicate: true);
            }
            EventId.TryParse(eventId, out var id);
            return new AppendResult(RoomEvents.Committed(id, request.RoomId, request.Type, request.At, request.Data), IsDuplicate: false);
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

    // An XRANGE entry as a script returns it: { id, { "p", payload } }.
    internal static RoomEvent ToEvent(RedisResult entry)
    {
        var parts = (RedisResult[])entry!;
        var fields = (RedisResult[])parts[1]!;
        return RoomEventJson.Deserialize((string)fields[1]!, (string)parts[0]!);
    }
}
