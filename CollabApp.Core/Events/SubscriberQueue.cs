namespace CollabApp.Core.Events;

/// <summary>
/// The bounded queue between a room's bus and one local subscriber (a circuit or a hub connection).
/// A slow subscriber never slows the others: when the queue is full, transient events (presence,
/// typing, cursors) are coalesced to the newest per sender and kind, and durable events are not dropped
/// silently: the queue switches to <see cref="QueueItem.Resync"/>, so the subscriber reloads from the
/// durable store instead of missing events.
/// </summary>
public sealed class SubscriberQueue(int capacity, Action? onOverflow = null)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<RoomEvent> _items = new();
    private readonly SemaphoreSlim _signal = new(0);
    private EventId? _deliverAfter;
    // The newest durable event queued or covered: the room channel may hand over an event twice (live, and again
    // from a catch-up read), and a subscriber must get each once.
    private EventId? _newestDurable;
    private Func<RoomEvent, bool>? _inSnapshot;
    private bool _started;
    private bool _overflowed;
    private bool _completed;

    public int Count
    {
        get { lock (_gate) { return _items.Count; } }
    }

    /// <summary>Offers an event from the bus; never blocks.</summary>
    public void Offer(RoomEvent roomEvent)
    {
        var overflowNow = false;
        lock (_gate)
        {
            if (_completed || _overflowed || IsCoveredAlready(roomEvent) || IsRepeat(roomEvent))
            {
                return;
            }
            if (roomEvent.Id is { } id)
            {
                _newestDurable = id;
            }
            if (_items.Count < capacity)
            {
                _items.AddLast(roomEvent);
            }
            else if (!MakeRoom(roomEvent))
            {
                if (!roomEvent.IsDurable)
                {
                    return;
                }
                _overflowed = true;
                _items.Clear();
                overflowNow = true;
            }
        }
        if (overflowNow)
        {
            onOverflow?.Invoke();
        }
        _signal.Release();
    }

    /// <summary>
    /// Releases the subscriber: first the <paramref name="replay"/> events, then the buffered live events
    /// that come after <paramref name="coveredUpTo"/> (what the snapshot or replay already covers) and that
    /// <paramref name="inSnapshot"/>, when given, does not recognise as already shown.
    /// Until then live events are held, so nothing between the snapshot and the live stream is lost.
    /// </summary>
    public void Start(IReadOnlyList<RoomEvent> replay, EventId? coveredUpTo, Func<RoomEvent, bool>? inSnapshot = null)
    {
        lock (_gate)
        {
            _deliverAfter = coveredUpTo;
            _inSnapshot = inSnapshot;
            var node = _items.First;
            while (node is not null)
            {
                var next = node.Next;
                if (IsCoveredAlready(node.Value))
                {
                    _items.Remove(node);
                }
                node = next;
            }
            for (var i = replay.Count - 1; i >= 0; i--)
            {
                _items.AddFirst(replay[i]);
            }
            _newestDurable = _items.Select(e => e.Id).LastOrDefault(id => id is not null) ?? coveredUpTo;
            if (coveredUpTo is { } covered && (_newestDurable is not { } newest || newest < covered))
            {
                _newestDurable = covered;
            }
            _started = true;
        }
        _signal.Release();
    }

    /// <summary>
    /// Sends the subscriber to resync although it kept up: the bus may have missed events (its connection
    /// dropped), so only the durable store can say what it has not seen.
    /// </summary>
    public void Resync()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }
            _overflowed = true;
            _items.Clear();
        }
        _signal.Release();
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }
        _signal.Release();
    }

    /// <summary>The subscriber's events in order; ends after <see cref="Complete"/> or a resync.</summary>
    public async IAsyncEnumerable<QueueItem> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                RoomEvent? next = null;
                var resync = false;
                var done = false;
                lock (_gate)
                {
                    if (_overflowed)
                    {
                        resync = true;
                        _overflowed = false;
                        _started = false;
                        _newestDurable = null;
                    }
                    else if (_started && _items.First is { } first)
                    {
                        next = first.Value;
                        _items.RemoveFirst();
                    }
                    else
                    {
                        done = _completed;
                    }
                }
                if (resync)
                {
                    yield return QueueItem.Resync;
                    break;
                }
                if (next is null)
                {
                    if (done)
                    {
                        yield break;
                    }
                    break;
                }
                yield return new QueueItem(next);
            }
        }
    }

    private bool IsRepeat(RoomEvent roomEvent) =>
        roomEvent.Id is { } id && _newestDurable is { } newest && id <= newest;

    private bool IsCoveredAlready(RoomEvent roomEvent) =>
        roomEvent.Id is { } id
        && ((_deliverAfter is { } after && id <= after) || (_inSnapshot?.Invoke(roomEvent) ?? false));

    // Coalesce a transient event into a pending one of the same kind and sender, or drop a
    // pending transient event (the newest) to make room for a durable one. Either way the incoming event is queued.
    private bool MakeRoom(RoomEvent incoming)
    {
        for (var node = _items.Last; node is not null; node = node.Previous)
        {
            if (!node.Value.IsDurable && (incoming.IsDurable || SameStream(node.Value, incoming)))
            {
                _items.Remove(node);
                _items.AddLast(incoming);
                return true;
            }
        }
        return false;
    }

    private static bool SameStream(RoomEvent a, RoomEvent b) =>
        a.Type == b.Type && SenderOf(a) == SenderOf(b);

    private static string? SenderOf(RoomEvent roomEvent) => (roomEvent.Data as IFromUser)?.UserId;
}

/// <summary>What a subscriber reads: an event, or the instruction to reload from the durable store.</summary>
public readonly record struct QueueItem(RoomEvent? Event)
{
    public static QueueItem Resync => default;

    public bool IsResync => Event is null;
}
