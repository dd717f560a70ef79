using CollabApp.Core.Events;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Pub/sub is fire-and-forget: while this instance's subscription connection is down, events published by
/// others are lost to it, and stream ids have gaps by design, so no subscriber could notice. When the
/// connection comes back, every local subscriber is sent to resync from the durable store (hub clients
/// resume with their last event id, circuits reload), so nobody silently misses an event.
/// </summary>
public sealed partial class RedisInterruptionWatcher(IConnectionMultiplexer redis, RoomFanout fanout, ILogger<RedisInterruptionWatcher> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnRestored;
        return Task.CompletedTask;
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }
        LogRestored(logger, fanout.SubscriberCount);
        fanout.ResyncAll();
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Redis subscription connection restored; resynchronising {Subscribers} local subscribers")]
    private static partial void LogRestored(ILogger logger, int subscribers);
}
