using System.Threading.Channels;
using CollabApp.Core.Events;

namespace CollabApp.Tests.Contracts;

/// <summary>A bus handler that records what it is given, for tests to await.</summary>
internal sealed class EventCollector
{
    private readonly Channel<RoomEvent> _events = Channel.CreateUnbounded<RoomEvent>();

    public ValueTask OnEvent(BusMessage message)
    {
        _events.Writer.TryWrite(message.Event);
        return ValueTask.CompletedTask;
    }

    /// <summary>Events received and not yet taken.</summary>
    public int Pending => _events.Reader.Count;

    public Task<RoomEvent> NextAsync() => _events.Reader.ReadAsync().DefaultTimeout();

    public async Task<IReadOnlyList<RoomEvent>> TakeAsync(int count)
    {
        var taken = new List<RoomEvent>(count);
        for (var i = 0; i < count; i++)
        {
            taken.Add(await NextAsync());
        }
        return taken;
    }

    /// <summary>
    /// Publishes a transient marker and returns what arrived before it: with in-order delivery, everything
    /// that was published before the marker has arrived once it has. Waits for a condition, never for time.
    /// </summary>
    public async Task<IReadOnlyList<RoomEvent>> DrainAsync(IRoomEventBus bus, string roomId)
    {
        var marker = TestEvents.Typing(roomId, $"marker-{Guid.NewGuid():N}");
        await bus.PublishTransientAsync(marker, CancellationToken.None).DefaultTimeout();
        var before = new List<RoomEvent>();
        while (await NextAsync() is var next && !next.Equals(marker))
        {
            before.Add(next);
        }
        return before;
    }
}
