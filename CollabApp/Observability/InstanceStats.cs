namespace CollabApp.Observability;

/// <summary>One instance's figures at one moment, as every instance reports them for the admin page.</summary>
public sealed record InstanceStats(
    string InstanceId,
    DateTimeOffset At,
    int Circuits,
    int RoomSubscribers,
    long EventsCommitted,
    long EventsDelivered,
    long QueueOverflows,
    long RateLimitRefusals,
    long Resyncs,
    long WorkingSetBytes,
    long GcHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections)
{
    /// <summary>How long an instance's latest figures are shown: well past the report interval, so only a stopped instance's go.</summary>
    public static TimeSpan FreshFor { get; } = TimeSpan.FromSeconds(15);
}
