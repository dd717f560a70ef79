using CollabApp.Core.Protection;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Token buckets in Redis, so a limit holds across every instance behind the load balancer. One small Lua
/// script refills and takes atomically, using the server's clock (instances' clocks never disagree).
/// Chosen over RedisRateLimiting: one script, no extra dependency, and the same bucket semantics as
/// <see cref="InMemoryRateLimiter"/>. When Redis is unreachable the limit fails open (the caller then
/// meets <c>unavailable:</c> on the call itself if the call needs Redis).
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, RedisKeys keys) : IRateLimiter
{
    private static readonly LuaScript Take = LuaScript.Prepare(
        """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        local state = redis.call('HMGET', @key, 'tokens', 'ts')
        local capacity = tonumber(@capacity)
        local rate = tonumber(@rate)
        local tokens = tonumber(state[1]) or capacity
        local ts = tonumber(state[2]) or nowMs
        tokens = math.min(capacity, tokens + (math.max(0, nowMs - ts) / 1000) * rate)
        local granted = 0
        if tokens >= 1 then
          tokens = tokens - 1
          granted = 1
        end
        redis.call('HSET', @key, 'tokens', tostring(tokens), 'ts', tostring(nowMs))
        redis.call('PEXPIRE', @key, math.ceil(capacity / rate * 1000) + 1000)
        return granted
        """);

    public async Task<bool> TryAcquireAsync(string key, TokenBucket bucket, CancellationToken cancellationToken)
    {
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(Take, new
            {
                key = keys.RateLimit(key),
                capacity = bucket.Capacity,
                rate = bucket.TokensPerSecond,
            });
            return (int)result == 1;
        }
        catch (Exception e) when (RedisCalls.IsOutage(e))
        {
            return true;
        }
    }
}
