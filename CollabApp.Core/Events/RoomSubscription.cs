namespace CollabApp.Core.Events;

/// <summary>One local consumer's subscription to a room; dispose it when the consumer goes away.</summary>
public sealed class RoomSubscription : IAsyncDisposable
{
    private readonly RoomFanout _fanout;
    private int _disposed;

    internal RoomSubscription(string roomId, SubscriberQueue queue, RoomFanout fanout)
    {
        RoomId = roomId;
        Queue = queue;
        _fanout = fanout;
    }

    public string RoomId { get; }

    public SubscriberQueue Queue { get; }

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _fanout.UnsubscribeAsync(RoomId, Queue) : ValueTask.CompletedTask;
}
