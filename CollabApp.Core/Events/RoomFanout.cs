namespace CollabApp.Core.Events;

/// <summary>
/// This instance's fan-out: one bus subscription per room that has local subscribers, handing each
/// event to every local subscriber's bounded <see cref="SubscriberQueue"/>. Circuits and hub
/// connections subscribe here alike, so both audiences see one order.
/// </summary>
public sealed class RoomFanout(IRoomEventBus bus, FanoutOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private readonly Dictionary<string, RoomChannel> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _subscriberCount;
    private long _overflowCount;

    /// <summary>Local subscribers across all rooms (a metric, and the leak check of the tests).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriberCount);

    /// <summary>How many subscribers have fallen behind and were sent to resync.</summary>
    public long OverflowCount => Interlocked.Read(ref _overflowCount);

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
                channel = new RoomChannel();
                channel.BusSubscription = await bus.SubscribeAsync(roomId, channel.Deliver, cancellationToken).ConfigureAwait(false);
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
    /// Sends every local subscriber to resync from the durable store: call it when the bus may have lost
    /// events (its connection to Redis dropped and came back), so nobody silently misses them.
    /// </summary>
    public void ResyncAll()
    {
        List<RoomChannel> channels;
        lock (_gate)
        {
            channels = [.. _rooms.Values];
        }
        foreach (var channel in channels)
        {
            channel.ResyncAll();
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

    private sealed class RoomChannel
    {
        private volatile SubscriberQueue[] _queues = [];

        public IAsyncDisposable? BusSubscription { get; set; }

        public bool IsEmpty => _queues.Length == 0;

        public void Add(SubscriberQueue queue) => _queues = [.. _queues, queue];

        public void ResyncAll()
        {
            foreach (var queue in _queues)
            {
                queue.Resync();
            }
        }

        public bool Remove(SubscriberQueue queue)
        {
            var before = _queues;
            _queues = [.. before.Where(q => q != queue)];
            return _queues.Length != before.Length;
        }

        public ValueTask Deliver(RoomEvent roomEvent)
        {
            foreach (var queue in _queues)
            {
                queue.Offer(roomEvent);
            }
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Options of the local fan-out.</summary>
public sealed class FanoutOptions
{
    /// <summary>Events a subscriber may fall behind before it is resynchronised.</summary>
    public int QueueCapacity { get; set; } = 2048;
}
