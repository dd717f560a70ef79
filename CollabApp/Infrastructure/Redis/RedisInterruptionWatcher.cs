using CollabApp.Core.Events;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Pub/sub is fire-and-forget: while a subscription connection is down, events published by others are lost to this
/// instance. Each room notices that by itself at its next event (every event names its predecessor), but a room that
/// stays quiet would not; so after a subscription connection fails or comes back, every room reads what it missed from
/// the log (<see cref="RoomFanout.CatchUpAllAsync"/>), or resynchronises its subscribers when the log lost it too.
/// <para>
/// On Redis Cluster a failed primary's connection does not come back: its replica is promoted after the node timeout,
/// and the library moves the sharded subscriptions to it when it learns the new slot map. No event says when that
/// happened, so after a subscription connection fails, the rooms catch up once a second for <see cref="Window"/> (a
/// catch-up that cannot read the log changes nothing and waits for the next tick): the first one after the
/// resubscription delivers whatever was published while no connection carried the room's channel.
/// </para>
/// <para>
/// Meanwhile <see cref="BackplaneStatus"/> says the link is down, so room pages show that they are reconnecting. It is
/// up again after the first catch-up that follows the connection's return, or, on a cluster whose failed primary never
/// returns, after the window, once the multiplexer is connected.
/// </para>
/// </summary>
public sealed partial class RedisInterruptionWatcher(
    IConnectionMultiplexer redis, RoomFanout fanout, BackplaneStatus backplane, TimeProvider time, ILogger<RedisInterruptionWatcher> logger) : BackgroundService
{
    /// <summary>How long the rooms keep catching up after a subscription connection failed: past a failover (node timeout + election).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _signal = new(0);
    private long _catchUpUntilTicks;
    private int _restored;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnFailed;
        redis.ConnectionRestored += OnRestored;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _catchUpUntilTicks))
                {
                    var restored = Interlocked.Exchange(ref _restored, 0) == 1;
                    await fanout.CatchUpAllAsync().ConfigureAwait(false);
                    if (restored)
                    {
                        backplane.ReportUp();
                    }
                    await _signal.WaitAsync(Every, stoppingToken).ConfigureAwait(false); // wakes early on a new failure
                }
                else
                {
                    if (!backplane.IsUp && redis.IsConnected)
                    {
                        backplane.ReportUp();
                    }
                    await _signal.WaitAsync(Every, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            redis.ConnectionFailed -= OnFailed;
            redis.ConnectionRestored -= OnRestored;
        }
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            LogFailed(logger, e.EndPoint?.ToString() ?? "?", fanout.SubscriberCount);
            backplane.ReportDown();
            CatchUpSoon();
        }
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            LogRestored(logger, e.EndPoint?.ToString() ?? "?", fanout.SubscriberCount);
            Interlocked.Exchange(ref _restored, 1);
            CatchUpSoon();
        }
    }

    private void CatchUpSoon()
    {
        Interlocked.Exchange(ref _catchUpUntilTicks, (time.GetUtcNow() + Window).UtcTicks);
        _signal.Release();
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Redis subscription connection to {EndPoint} restored; catching up {Subscribers} local subscribers from the room streams")]
    private static partial void LogRestored(ILogger logger, string endPoint, int subscribers);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Redis subscription connection to {EndPoint} failed; {Subscribers} local subscribers catch up from the room streams until it is back")]
    private static partial void LogFailed(ILogger logger, string endPoint, int subscribers);
}
