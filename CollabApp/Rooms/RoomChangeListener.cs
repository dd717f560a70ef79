using CollabApp.Core.Events;
using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using StackExchange.Redis;

namespace CollabApp.Rooms;

/// <summary>
/// This instance's end of the <see cref="RoomChangeBus"/>: for each room change it first makes the directory cache
/// forget what the change touched (so the next rights check reads the database), then hands the change to the room's
/// local subscribers as a room event (hub connections and room pages; a removed member's, or everyone's for a deleted
/// room, leave the room when they read it: <see cref="Core.Sessions.RoomSession"/>).
/// The cache may remember only while changes can be heard: from the first successful subscription, and not while the
/// Redis subscription connection is down (changes published meanwhile are lost to this instance).
/// </summary>
public sealed partial class RoomChangeListener(
    RoomChangeBus changes,
    CachingRoomDirectory directory,
    RoomFanout fanout,
    IServiceProvider services,
    ILogger<RoomChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private IConnectionMultiplexer? _redis;
    private volatile bool _subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _redis = services.GetService<IConnectionMultiplexer>();
        if (_redis is not null)
        {
            _redis.ConnectionFailed += OnConnectionFailed;
            _redis.ConnectionRestored += OnConnectionRestored;
        }
        IAsyncDisposable? subscription = null;
        while (subscription is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                subscription = await changes.SubscribeAsync(OnChangeAsync, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                LogSubscribeFailed(logger, e);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        if (subscription is null)
        {
            return;
        }
        _subscribed = true;
        directory.SetListening(true);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            directory.SetListening(false);
            await subscription.DisposeAsync();
        }
    }

    public override void Dispose()
    {
        if (_redis is not null)
        {
            _redis.ConnectionFailed -= OnConnectionFailed;
            _redis.ConnectionRestored -= OnConnectionRestored;
        }
        base.Dispose();
    }

    private async ValueTask OnChangeAsync(RoomEvent change)
    {
        switch (change.Data)
        {
            case MemberChange member when change.Type == RoomChangeEventTypes.MemberRemoved:
                directory.ForgetMember(member.RoomId, member.UserId);
                break;
            case RoomRenamed or RoomDeleted:
                directory.ForgetRoom(change.RoomId);
                break;
        }
        await fanout.DeliverLocalAsync(change);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            directory.SetListening(false);
        }
    }

    // The multiplexer subscribes again by itself; whatever was published meanwhile is lost, so start from nothing.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription && _subscribed)
        {
            directory.SetListening(true);
        }
    }

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Subscribing to room changes failed; retrying (until then rights are read from the database on every call)")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
