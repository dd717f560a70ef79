using CollabApp.Core.Protection;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Slots in Redis, one sorted set per set name, holders scored by when they lapse (the server's clock). Taking
/// drops the lapsed ones first, atomically in one script. When Redis is unreachable the cap fails open, like
/// <see cref="RedisRateLimiter"/>: a limit must not turn an outage into refusing everyone.
/// </summary>
public sealed class RedisConnectionSlots(IConnectionMultiplexer redis, RedisKeys keys) : IConnectionSlots
{
    private static readonly LuaScript Take = LuaScript.Prepare(
        """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', nowMs)
        if redis.call('ZSCORE', @key, @holder) or redis.call('ZCARD', @key) < tonumber(@limit) then
          redis.call('ZADD', @key, nowMs + tonumber(@lifetime), @holder)
          redis.call('PEXPIRE', @key, tonumber(@lifetime))
          return 1
        end
        return 0
        """);

    private static readonly LuaScript Renew = LuaScript.Prepare(
        """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        if redis.call('ZADD', @key, 'XX', 'CH', nowMs + tonumber(@lifetime), @holder) then
          redis.call('PEXPIRE', @key, tonumber(@lifetime))
        end
        return 1
        """);

    private static readonly LuaScript Count = LuaScript.Prepare(
        """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        return redis.call('ZCOUNT', @key, '(' .. nowMs, '+inf')
        """);

    private static long LifetimeMs => (long)IConnectionSlots.Lifetime.TotalMilliseconds;

    public async Task<bool> TryTakeAsync(string set, string holder, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(Take, new { key = keys.ConnectionSlots(set), holder, limit, lifetime = LifetimeMs });
            return (int)result == 1;
        }
        catch (Exception e) when (RedisCalls.IsOutage(e))
        {
            return true;
        }
    }

    public async Task<int> CountAsync(string set, CancellationToken cancellationToken)
    {
        try
        {
            return (int)await redis.GetDatabase().ScriptEvaluateAsync(Count, new { key = keys.ConnectionSlots(set) });
        }
        catch (Exception e) when (RedisCalls.IsOutage(e))
        {
            return 0;
        }
    }

    public async Task ReleaseAsync(string set, string holder, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().SortedSetRemoveAsync(keys.ConnectionSlots(set), holder);
        }
        catch (Exception e) when (RedisCalls.IsOutage(e))
        {
            // The slot lapses by itself.
        }
    }

    public Task RenewAsync(IReadOnlyCollection<(string Set, string Holder)> slots, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(() =>
        {
            var database = redis.GetDatabase();
            return Task.WhenAll(slots.Select(s => database.ScriptEvaluateAsync(Renew, new { key = keys.ConnectionSlots(s.Set), holder = s.Holder, lifetime = LifetimeMs })));
        });
}
