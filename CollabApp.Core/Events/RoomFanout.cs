namespace CollabApp.Core.Events;

/// <summary>
/// This instance's fan-out: one bus subscription per room that has local subscribers, handing each
/// event to every local subscriber's bounded <see cref="SubscriberQueue"/>. Circuits and hub
/// connections subscribe here alike, so both audiences see one order.
/// </summary>
public sealed class RoomFanout(IRoomEventBus bus, IRoomEventLog log, FanoutOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private readonly Dictionary<string, RoomChannel> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile Action<RoomEvent>[] _observers = [];
    private int _subscriberCount;
    private long _overflowCount;

    /// <summary>Local subscribers across all rooms (a metric, and the leak check of the tests).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriberCount);

    /// <summary>How many subscribers have fallen behind and were sent to resync.</summary>
    public long OverflowCount => Interlocked.Read(ref _overflowCount);

    /// <summary>
    /// Adds a callback that sees every event this instance's rooms deliver, in each room's order, before the
    /// subscribers do (a feature keeping a cache current, for example). It runs on the delivering thread under the
    /// room's order, so it must be quick and must not throw.
    /// </summary>
    public void Observe(Action<RoomEvent> observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }
    }

    /// <summary>
    /// Subscribes a local consumer to a room. Live events are held until <see cref="SubscriberQueue.Start"/>,
    /// so the caller can read a snapshot or a replay first without a gap.
    /// </summary>
    public async Task<RoomSubscription> SubscribeAsync(string roomId, CancellationToken cancellationToken)
    {
        var queue = new SubscriberQueue(options.QueueCapacity, () => Interlocked.Increment(ref _overflowCount));
        await _subscribeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RoomChannel? channel;
            lock (_gate)
            {
                _rooms.TryGetValue(roomId, out channel);
            }
            if (channel is null)
            {
                channel = new RoomChannel(roomId, log, Notify);
                channel.BusSubscription = await bus.SubscribeAsync(roomId, channel.DeliverAsync, cancellationToken).ConfigureAwait(false);
                try
                {
                    await channel.StartChainAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await channel.BusSubscription.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                lock (_gate)
                {
                    _rooms[roomId] = channel;
                }
            }
            channel.Add(queue);
            Interlocked.Increment(ref _subscriberCount);
        }
        finally
        {
            _subscribeGate.Release();
        }
        return new RoomSubscription(roomId, queue, this);
    }

    /// <summary>
    /// Call when the bus may have lost events (its connection to Redis dropped and came back): every room reads
    /// what it missed from the log and delivers it in order, or resynchronises its subscribers when the log cannot
    /// tell. A room that receives an event first notices the gap by itself; this covers rooms that stay quiet.
    /// </summary>
    public async Task CatchUpAllAsync()
    {
        List<RoomChannel> channels;
        lock (_gate)
        {
            channels = [.. _rooms.Values];
        }
        foreach (var channel in channels)
        {
            await channel.CatchUpAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hands a transient event that did not come over the room's bus (a room change, <see cref="Rooms.RoomChangeBus"/>)
    /// to this instance's subscribers of its room, in line with the room's other events.
    /// </summary>
    public ValueTask DeliverLocalAsync(RoomEvent roomEvent)
    {
        if (roomEvent.IsDurable)
        {
            throw new ArgumentException("only transient events are delivered locally; durable ones come from the log", nameof(roomEvent));
        }
        RoomChannel? channel;
        lock (_gate)
        {
            _rooms.TryGetValue(roomEvent.RoomId, out channel);
        }
        return channel?.DeliverAsync(new BusMessage(roomEvent, null)) ?? ValueTask.CompletedTask;
    }

    private void Notify(RoomEvent roomEvent)
    {
        foreach (var observer in _observers)
        {
            observer(roomEvent);
        }
    }

    internal async ValueTask UnsubscribeAsync(string roomId, SubscriberQueue queue)
    {
        queue.Complete();
        IAsyncDisposable? toClose = null;
        await _subscribeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_rooms.TryGetValue(roomId, out var channel) && channel.Remove(queue))
                {
                    Interlocked.Decrement(ref _subscriberCount);
                    if (channel.IsEmpty)
                    {
                        _rooms.Remove(roomId);
                        toClose = channel.BusSubscription;
                    }
                }
            }
            if (toClose is not null)
            {
                await toClose.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _subscribeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _rooms.Values.Select(r => r.BusSubscription).OfType<IAsyncDisposable>()];
            _rooms.Clear();
        }
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Options of the local fan-out.</summary>
public sealed class FanoutOptions
{
    /// <summary>Events a subscriber may fall behind before it is resynchronised.</summary>
    public int QueueCapacity { get; set; } = 2048;
}
