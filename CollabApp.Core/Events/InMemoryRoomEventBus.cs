namespace CollabApp.Core.Events;

/// <summary>
/// The embedded mode's bus: one process, so publishing is a direct, in-order call of the room's
/// handlers (they only enqueue). Per room, publishes are serialised so handlers see one order.
/// </summary>
public sealed class InMemoryRoomEventBus : IRoomEventBus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoomHandlers> _rooms = new(StringComparer.Ordinal);

    public Task PublishTransientAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        Publish(new BusMessage(roomEvent, null));
        return Task.CompletedTask;
    }

    /// <summary>Delivers an event to the room's handlers; the in-memory log calls it inside its commit.</summary>
    public void Publish(BusMessage message)
    {
        RoomHandlers? handlers;
        lock (_gate)
        {
            _rooms.TryGetValue(message.Event.RoomId, out handlers);
        }
        handlers?.Deliver(message);
    }

    public Task<IAsyncDisposable> SubscribeAsync(string roomId, Func<BusMessage, ValueTask> onEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomId, out var handlers))
            {
                handlers = new RoomHandlers();
                _rooms[roomId] = handlers;
            }
            handlers.Add(onEvent);
        }
        return Task.FromResult<IAsyncDisposable>(new Unsubscriber(this, roomId, onEvent));
    }

    private void Unsubscribe(string roomId, Func<BusMessage, ValueTask> onEvent)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(roomId, out var handlers) && handlers.Remove(onEvent))
            {
                _rooms.Remove(roomId);
            }
        }
    }

    private sealed class RoomHandlers
    {
        private readonly Lock _deliveryGate = new();
        private volatile Func<BusMessage, ValueTask>[] _handlers = [];

        public void Add(Func<BusMessage, ValueTask> handler) => _handlers = [.. _handlers, handler];

        /// <summary>Removes a handler; true when none is left.</summary>
        public bool Remove(Func<BusMessage, ValueTask> handler)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
            return _handlers.Length == 0;
        }

        public void Deliver(BusMessage message)
        {
            lock (_deliveryGate)
            {
                foreach (var handler in _handlers)
                {
                    // Handlers hand the event to bounded queues and complete synchronously.
                    handler(message).AsTask().GetAwaiter().GetResult();
                }
            }
        }
    }

    private sealed class Unsubscriber(InMemoryRoomEventBus bus, string roomId, Func<BusMessage, ValueTask> onEvent) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            bus.Unsubscribe(roomId, onEvent);
            return ValueTask.CompletedTask;
        }
    }
}
