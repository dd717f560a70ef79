namespace CollabApp.Core.Events;

/// <summary>
/// One room's bus subscription on this instance and its local subscribers. It checks that durable events arrive
/// as one unbroken chain (each names its predecessor, <see cref="BusMessage.Previous"/>): when one is missing (the
/// subscription connection dropped, Redis restarted), the missed events are read from the log and delivered first,
/// in order; when the log cannot supply them (it lost them, or trimmed them), every subscriber is resynchronised.
/// No subscriber moves past an event it never received.
/// </summary>
internal sealed class RoomChannel(string roomId, IRoomEventLog log, Action<RoomEvent> observe)
{
    private readonly SemaphoreSlim _order = new(1, 1);
    private volatile SubscriberQueue[] _queues = [];
    private EventId? _lastDelivered;
    private bool _anyDelivered;

    public IAsyncDisposable? BusSubscription { get; set; }

    public bool IsEmpty => _queues.Length == 0;

    public void Add(SubscriberQueue queue) => _queues = [.. _queues, queue];

    public bool Remove(SubscriberQueue queue)
    {
        var before = _queues;
        _queues = [.. before.Where(q => q != queue)];
        return _queues.Length != before.Length;
    }

    /// <summary>
    /// Where the chain starts: the log's newest id, read after the bus subscription exists. Subscribers read their
    /// snapshot or replay later still, so anything up to here reaches them that way.
    /// </summary>
    public async Task StartChainAsync(CancellationToken cancellationToken)
    {
        var head = await log.GetLatestIdAsync(roomId, cancellationToken).ConfigureAwait(false);
        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_anyDelivered)
            {
                _lastDelivered = head;
                _anyDelivered = head is not null;
            }
        }
        finally
        {
            _order.Release();
        }
    }

    public async ValueTask DeliverAsync(BusMessage message)
    {
        if (message.Event.Id is not { } id)
        {
            Offer(message.Event);
            return;
        }
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_anyDelivered && _lastDelivered is { } last && id <= last)
            {
                return; // already delivered by a catch-up read
            }
            if (!_anyDelivered || message.Previous == _lastDelivered)
            {
                Offer(message.Event);
                Advance(id);
                return;
            }
            await CatchUpLockedAsync(resyncIfUnreadable: true).ConfigureAwait(false);
            if (_lastDelivered is not { } caught || caught < id)
            {
                // The log did not have it (or no longer does): the subscribers were sent to resync, this starts afresh.
                Advance(id);
            }
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>
    /// Delivers what the log has after the last delivered event: call it when the bus may have dropped some. When the
    /// log cannot be read (Redis still down, a failover under way) nothing changes: the caller tries again later, and an
    /// event arriving meanwhile finds the gap itself.
    /// </summary>
    public async Task CatchUpAsync()
    {
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            await CatchUpLockedAsync(resyncIfUnreadable: false).ConfigureAwait(false);
        }
        finally
        {
            _order.Release();
        }
    }

    public void ResyncAll()
    {
        foreach (var queue in _queues)
        {
            queue.Resync();
        }
    }

    // resyncIfUnreadable: an event past a gap is in hand and cannot wait, so an unreadable log means resync; a
    // precautionary catch-up can wait for the log instead.
    private async Task CatchUpLockedAsync(bool resyncIfUnreadable)
    {
        if (_lastDelivered is not { } last)
        {
            // Nothing delivered yet, and the stream was empty when the chain started: only an event it holds now was missed.
            var head = await TryReadHeadAsync().ConfigureAwait(false);
            if (head is not null || resyncIfUnreadable)
            {
                ResyncAll();
                RestartChain(head);
            }
            return;
        }
        ReplayResult missed;
        try
        {
            missed = await log.ReadAfterAsync(roomId, last, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CollabError) when (!resyncIfUnreadable)
        {
            return;
        }
        catch (CollabError)
        {
            missed = ReplayResult.NotResumable;
        }
        if (!missed.Resumable)
        {
            ResyncAll();
            if (!resyncIfUnreadable)
            {
                // The resynchronised subscribers start from a snapshot read after this: the chain goes on from the log's
                // head, so the next catch-up does not resync them again for the same loss. (An event in hand restarts it
                // itself, in DeliverAsync.)
                RestartChain(await TryReadHeadAsync().ConfigureAwait(false));
            }
            return;
        }
        foreach (var roomEvent in missed.Events)
        {
            Offer(roomEvent);
            Advance(roomEvent.Id!.Value);
        }
    }

    // The log's newest id; null when the stream is empty or cannot be read.
    private async Task<EventId?> TryReadHeadAsync()
    {
        try
        {
            return await log.GetLatestIdAsync(roomId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CollabError)
        {
            return null;
        }
    }

    private void RestartChain(EventId? head)
    {
        _lastDelivered = head;
        _anyDelivered = head is not null;
    }

    private void Advance(EventId id)
    {
        _lastDelivered = id;
        _anyDelivered = true;
    }

    private void Offer(RoomEvent roomEvent)
    {
        observe(roomEvent);
        foreach (var queue in _queues)
        {
            queue.Offer(roomEvent);
        }
    }
}
