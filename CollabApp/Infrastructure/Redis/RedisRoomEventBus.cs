using CollabApp.Core.Events;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Redis pub/sub as the room bus. Durable events are published by the commit scripts; transient ones here,
/// on the same channel, so a room's subscribers see one stream of both. <see cref="RoomFanout"/> holds one
/// subscription per room per instance, and this turns it into one Redis channel subscription.
/// </summary>
public sealed class RedisRoomEventBus(IConnectionMultiplexer redis, RedisKeys keys, RoomEventCatalog types, ILogger<RedisRoomEventBus> logger) : IRoomEventBus
{
    public Task PublishTransientAsync(RoomEvent roomEvent, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(() => redis.GetSubscriber().PublishAsync(keys.Channel(roomEvent.RoomId), RoomEventJson.Serialize(roomEvent)));

    /// <remarks>
    /// The queue form of Subscribe: messages of the channel are handed over in the order Redis sent them,
    /// which the callback form does not promise. One loop per subscription calls the handler one event at a
    /// time; a failing handler is logged and the loop goes on (the library would swallow it silently).
    /// </remarks>
    public Task<IAsyncDisposable> SubscribeAsync(string roomId, Func<BusMessage, ValueTask> onEvent, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(keys.Channel(roomId)).ConfigureAwait(false);
            var stop = new CancellationTokenSource();
            var pump = Task.Run(() => PumpAsync(roomId, queue, onEvent, stop.Token), CancellationToken.None);
            return (IAsyncDisposable)new Subscription(roomId, queue, pump, stop, logger);
        });

    private async Task PumpAsync(string roomId, ChannelMessageQueue queue, Func<BusMessage, ValueTask> onEvent, CancellationToken stop)
    {
        try
        {
            await PumpCoreAsync(roomId, queue, onEvent, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed while waiting for a message.
        }
    }

    private async Task PumpCoreAsync(string roomId, ChannelMessageQueue queue, Func<BusMessage, ValueTask> onEvent, CancellationToken stop)
    {
        // Ends when the queue completes (unsubscribed) or when the subscription is disposed.
        await foreach (var message in queue.WithCancellation(stop).ConfigureAwait(false))
        {
            BusMessage published;
            try
            {
                published = RoomEventJson.DeserializePublished((string)message.Message!, types);
            }
            catch (Exception error)
            {
                RedisLog.UnreadableMessage(logger, roomId, error);
                continue;
            }
            try
            {
                await onEvent(published).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                RedisLog.HandlerFailed(logger, roomId, published.Event.Type, error);
            }
        }
    }

    private sealed class Subscription(string roomId, ChannelMessageQueue queue, Task pump, CancellationTokenSource stop, ILogger logger) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            try
            {
                await queue.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                // Redis down: the server drops the subscription with the connection anyway.
                RedisLog.UnsubscribeFailed(logger, roomId, error);
            }
            // Stop the loop even if the queue was not completed; nothing after disposal is wanted.
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
            stop.Dispose();
        }
    }
}
