using System.Text.Json;
using CollabApp.Observability;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>Every instance's latest figures in one Redis hash; entries older than <see cref="InstanceStats.FreshFor"/> are ignored (a stopped instance).</summary>
public sealed class RedisInstanceStatsStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IInstanceStatsStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(InstanceStats stats, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().HashSetAsync(keys.InstanceStats, stats.InstanceId, JsonSerializer.Serialize(stats, Json));
        }
        catch (Exception e) when (RedisCalls.IsOutage(e))
        {
            // The figures are advisory: the next report will do.
        }
    }

    public Task<IReadOnlyList<InstanceStats>> ReadAllAsync(CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var entries = await redis.GetDatabase().HashGetAllAsync(keys.InstanceStats);
            var now = time.GetUtcNow();
            return (IReadOnlyList<InstanceStats>)[.. entries
                .Select(e => JsonSerializer.Deserialize<InstanceStats>(e.Value.ToString(), Json)!)
                .Where(s => now - s.At < InstanceStats.FreshFor)
                .OrderBy(s => s.InstanceId, StringComparer.Ordinal)];
        });
}
