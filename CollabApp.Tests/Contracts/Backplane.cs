using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Protection;
using CollabApp.Observability;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// One deployment of the ports under test: every instance added shares it, as app instances share one
/// Redis. The in-memory deployment is one process, so all its "instances" are the same objects.
/// </summary>
public interface IBackplane : IAsyncDisposable
{
    Task<PortInstance> AddInstanceAsync();
}

/// <summary>The ports as one app instance sees them.</summary>
public sealed record PortInstance(
    IRoomEventLog Events, IRoomEventBus Bus, IDocumentLog Documents, IPresenceStore Presence, IRateLimiter RateLimiter, IConnectionSlots Slots,
    IInstanceStatsStore Stats);

/// <summary>Options of a backplane; tests shrink retention to see trimming.</summary>
public sealed record BackplaneOptions(int RetainedEvents = 10_000, int RetainedOps = 10_000, long RetainedBytes = 8L * 1024 * 1024)
{
    public EventLogOptions EventLog => new() { RetainedEvents = RetainedEvents, RetainedBytes = RetainedBytes };

    public DocumentOptions Documents => new() { RetainedOps = RetainedOps, RetainedBytes = RetainedBytes };
}

internal sealed class InMemoryBackplane(BackplaneOptions options) : IBackplane
{
    private readonly PortInstance _instance = Create(options);

    public Task<PortInstance> AddInstanceAsync() => Task.FromResult(_instance);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static PortInstance Create(BackplaneOptions options)
    {
        var bus = new InMemoryRoomEventBus();
        var events = new InMemoryRoomEventLog(bus, options.EventLog, TimeProvider.System);
        return new PortInstance(
            events, bus, new InMemoryDocumentLog(events, options.Documents), new InMemoryPresenceStore(),
            new InMemoryRateLimiter(TimeProvider.System), new InMemoryConnectionSlots(TimeProvider.System), new InMemoryInstanceStatsStore(TimeProvider.System));
    }
}
