using CollabApp.Core.Events;

namespace CollabApp.Tests.Components.Support;

/// <summary>
/// The in-memory bus, whose transient publishes, and subscriptions when they end, can be made to fail (the real-time
/// store is unreachable).
/// </summary>
public sealed class SwitchableRoomEventBus(InMemoryRoomEventBus inner) : IRoomEventBus
{
    /// <summary>When set, ending a subscription fails with it (after the inner subscription has ended).</summary>
    public Exception? FailUnsubscribes { get; set; }

    /// <summary>When set, a transient publish (presence, typing) fails with it and reaches nobody.</summary>
    public Exception? FailPublishes { get; set; }

    public Task PublishTransientAsync(RoomEvent roomEvent, CancellationToken cancellationToken) =>
        FailPublishes is { } failure ? Task.FromException(failure) : inner.PublishTransientAsync(roomEvent, cancellationToken);

    public async Task<IAsyncDisposable> SubscribeAsync(string roomId, Func<BusMessage, ValueTask> onEvent, CancellationToken cancellationToken) =>
        new Subscription(await inner.SubscribeAsync(roomId, onEvent, cancellationToken), this);

    private sealed class Subscription(IAsyncDisposable inner, SwitchableRoomEventBus bus) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            if (bus.FailUnsubscribes is { } failure)
            {
                throw failure;
            }
        }
    }
}
