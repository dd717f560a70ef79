using CollabApp.Core.Events;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Pub/sub is fire-and-forget: while this instance's subscription connection is down, events published by others
/// are lost to it. Each room notices that by itself at its next event (every event names its predecessor), but a
/// room that stays quiet would not; so when the connection comes back, every room reads what it missed from the log
/// (<see cref="RoomFanout.CatchUpAllAsync"/>), or resynchronises its subscribers when the log lost it too.
/// Meanwhile <see cref="BackplaneStatus"/> says the link is down, so room pages show that they are reconnecting;
/// it is up again once the catch-up has run.
/// </summary>
public sealed partial class RedisInterruptionWatcher(
    IConnectionMultiplexer redis, RoomFanout fanout, BackplaneStatus backplane, ILogger<RedisInterruptionWatcher> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnFailed;
        redis.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnFailed;
        redis.ConnectionRestored -= OnRestored;
        return Task.CompletedTask;
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            backplane.ReportDown();
        }
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }
        LogRestored(logger, fanout.SubscriberCount);
        _ = Task.Run(CatchUpAsync);
    }

    private async Task CatchUpAsync()
    {
        try
        {
            await fanout.CatchUpAllAsync();
        }
        finally
        {
            backplane.ReportUp();
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Redis subscription connection restored; catching up {Subscribers} local subscribers from the room streams")]
    private static partial void LogRestored(ILogger logger, int subscribers);
}
