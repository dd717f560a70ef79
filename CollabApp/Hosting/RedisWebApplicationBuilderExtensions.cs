using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Protection;
using CollabApp.Infrastructure.Redis;
using CollabApp.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollabApp.Hosting;

public static class RedisWebApplicationBuilderExtensions
{
    /// <summary>
    /// The Redis implementations of the Core ports (the scaled mode), on one multiplexer per process. The
    /// connection does not abort on start-up failures: with Redis down the app starts, <c>/readyz</c> says
    /// 503 and calls that need Redis answer <c>unavailable:</c> until it is back.
    /// </summary>
    public static WebApplicationBuilder AddCollabRedis(this WebApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.AddOptions<RedisSettings>().BindConfiguration(RedisSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Configure(connectionString)));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<RedisSettings>>().Value;
            return new RedisKeys(settings.Prefix, shardedChannels: settings.Cluster);
        });
        services.AddSingleton<IReplicaBarrier>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<RedisSettings>>().Value;
            return settings.AwaitReplica ?? settings.Cluster
                ? new RedisReplicaBarrier(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<RedisKeys>(), settings.ReplicaWaitMilliseconds)
                : NoReplicaBarrier.Instance;
        });
        services.AddSingleton<IRoomEventBus, RedisRoomEventBus>();
        services.AddSingleton<UnstoredRoomList>();
        services.AddSingleton<RedisRoomEventLog>();
        services.AddKeyedSingleton<IRoomEventLog>(RealtimeWebApplicationBuilderExtensions.UnmeteredEventLog, (sp, _) => sp.GetRequiredService<RedisRoomEventLog>());
        services.AddSingleton<RedisDocumentLog>();
        services.AddKeyedSingleton<IDocumentLog>(RealtimeWebApplicationBuilderExtensions.UnmeteredDocumentLog, (sp, _) => sp.GetRequiredService<RedisDocumentLog>());
        services.AddSingleton<IPresenceStore, RedisPresenceStore>();
        services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IConnectionSlots, RedisConnectionSlots>();
        services.AddSingleton<IInstanceStatsStore, RedisInstanceStatsStore>();
        services.AddHostedService<RedisInterruptionWatcher>();
        return builder;
    }

    /// <summary>The multiplexer settings of every Redis connection the app makes: fail fast, never block start-up.</summary>
    internal static ConfigurationOptions Configure(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 3000;
        options.SyncTimeout = 3000;
        options.AsyncTimeout = 3000;
        return options;
    }
}
