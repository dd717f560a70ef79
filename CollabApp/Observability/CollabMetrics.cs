using System.Diagnostics.Metrics;
using CollabApp.Core.Events;
using CollabApp.Hosting;

namespace CollabApp.Observability;

/// <summary>
/// The app's own instruments (<c>collab.*</c>), tagged with the instance id so summed and per-instance
/// views come from the same series.
/// </summary>
public sealed class CollabMetrics
{
    public const string MeterName = "CollabApp";

    private readonly Counter<long> _eventsCommitted;
    private readonly Counter<long> _eventsDelivered;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _resyncs;
    private readonly Counter<long> _documentLogCalls;
    private readonly Histogram<double> _opCommitLatency;
    private readonly KeyValuePair<string, object?> _instance;
    private int _circuits;
    private long _persistenceLagMs;
    private long _committedTotal;
    private long _deliveredTotal;
    private long _rateLimitedTotal;
    private long _resyncTotal;

    public CollabMetrics(IMeterFactory meters, RoomFanout fanout, InstanceIdentity instance)
    {
        var meter = meters.Create(MeterName);
        _instance = new("instance", instance.Id);
        _eventsCommitted = meter.CreateCounter<long>("collab.events.committed", "{event}", "Durable events committed by this instance");
        _eventsDelivered = meter.CreateCounter<long>("collab.events.delivered", "{event}", "Events handed to local subscribers' connections");
        _rateLimited = meter.CreateCounter<long>("collab.rate_limit.refusals", "{refusal}", "Calls and connections refused by a rate limit");
        _refusals = meter.CreateCounter<long>("collab.hub.refusals", "{refusal}", "Hub calls refused with a protocol code (invalid, forbidden, not-found, rate-limited, too-large)");
        _resyncs = meter.CreateCounter<long>("collab.resyncs", "{resync}", "Subscribers resynchronised from the durable store");
        _documentLogCalls = meter.CreateCounter<long>("collab.document.log_calls", "{call}",
            "Round trips to the document log: compare_and_append by outcome (committed, stale, duplicate, not_seeded, failed), and read");
        _opCommitLatency = meter.CreateHistogram<double>("collab.op.commit.duration", "ms", "Document operation submit-to-commit time");
        meter.CreateObservableGauge("collab.circuits", () => new Measurement<int>(Volatile.Read(ref _circuits), _instance), "{circuit}", "Blazor circuits open");
        meter.CreateObservableGauge("collab.room.subscribers", () => new Measurement<int>(fanout.SubscriberCount, _instance), "{subscriber}", "Local room subscribers (circuits and hub connections)");
        meter.CreateObservableGauge("collab.persistence.lag", () => new Measurement<double>(Interlocked.Read(ref _persistenceLagMs) / 1000.0, _instance), "s",
            "Age of the oldest committed event the database did not have at the last sweep (0: none)");
        meter.CreateObservableCounter("collab.queue.overflows", () => new Measurement<long>(fanout.OverflowCount, _instance), "{overflow}", "Subscribers whose bounded queue overflowed");
    }

    public int Circuits => Volatile.Read(ref _circuits);

    /// <summary>Running totals since start, for the admin page's cluster view.</summary>
    public (long Committed, long Delivered, long RateLimited, long Resyncs) Totals =>
        (Interlocked.Read(ref _committedTotal), Interlocked.Read(ref _deliveredTotal), Interlocked.Read(ref _rateLimitedTotal), Interlocked.Read(ref _resyncTotal));

    public void EventCommitted(string type)
    {
        Interlocked.Increment(ref _committedTotal);
        _eventsCommitted.Add(1, _instance, new("type", type));
    }

    public void EventDelivered()
    {
        Interlocked.Increment(ref _deliveredTotal);
        _eventsDelivered.Add(1, _instance);
    }

    public void RateLimited(string what)
    {
        Interlocked.Increment(ref _rateLimitedTotal);
        _rateLimited.Add(1, _instance, new("limit", what));
    }

    /// <summary>A hub call refused with the docs/protocol.md code <paramref name="code"/> (a fixed, small set of values).</summary>
    public void Refused(string code) => _refusals.Add(1, _instance, new("code", code));

    public void Resynced()
    {
        Interlocked.Increment(ref _resyncTotal);
        _resyncs.Add(1, _instance);
    }

    public void DocumentLogCalled(string call, string outcome) => _documentLogCalls.Add(1, _instance, new("call", call), new("outcome", outcome));

    public void OperationCommitted(TimeSpan latency) => _opCommitLatency.Record(latency.TotalMilliseconds, _instance);

    public void PersistenceLag(TimeSpan lag) => Interlocked.Exchange(ref _persistenceLagMs, (long)lag.TotalMilliseconds);

    public void CircuitOpened() => Interlocked.Increment(ref _circuits);

    public void CircuitClosed() => Interlocked.Decrement(ref _circuits);
}
