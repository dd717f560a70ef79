namespace CollabApp.LoadTool;

/// <summary>
/// The counters of one capacity step: the messages it sends and the deliveries of exactly those messages,
/// wherever and whenever they arrive (a late delivery still belongs to the step that sent it). A bit per
/// (message, room member) recognises a duplicate without a dictionary on the receive path, which at the
/// baseline's rates would cost the load tool more CPU than the server it measures.
/// </summary>
internal sealed class CapacityStep
{
    private readonly int[] _delivered;
    private readonly int _membersPerRoom;
    private long _acked;
    private long _failed;
    private long _expected;
    private long _deliveries;
    private long _duplicates;

    public CapacityStep(int index, double ratePerClient, long messages, int membersPerRoom)
    {
        Index = index;
        RatePerClient = ratePerClient;
        Messages = messages;
        _membersPerRoom = membersPerRoom;
        _delivered = new int[(int)((messages * membersPerRoom + 31) / 32)];
    }

    /// <summary>-1 for the warm-up.</summary>
    public int Index { get; }

    public double RatePerClient { get; }

    public long Messages { get; }

    public Percentiles Latency { get; } = new();

    public Percentiles AckLatency { get; } = new();

    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public long Acked => Interlocked.Read(ref _acked);

    public long Failed => Interlocked.Read(ref _failed);

    public long Expected => Interlocked.Read(ref _expected);

    public long Deliveries => Interlocked.Read(ref _deliveries);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Acknowledged(int roomMembers, double milliseconds)
    {
        Interlocked.Add(ref _expected, roomMembers);
        Interlocked.Increment(ref _acked);
        AckLatency.Add(milliseconds);
    }

    public void Failure(string error)
    {
        Interlocked.Increment(ref _failed);
        Errors.AddOrUpdate(error.Length > 80 ? error[..80] : error, 1, (_, n) => n + 1);
    }

    /// <summary>Message <paramref name="message"/> (0-based in this step) reached the room's member <paramref name="member"/>.</summary>
    public void Delivered(long message, int member, double milliseconds)
    {
        if (message < 0 || message >= Messages || member < 0 || member >= _membersPerRoom)
        {
            return;
        }
        var bit = message * _membersPerRoom + member;
        var mask = 1 << (int)(bit % 32);
        if ((Interlocked.Or(ref _delivered[bit / 32], mask) & mask) != 0)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        Interlocked.Increment(ref _deliveries);
        Latency.Add(milliseconds);
    }
}
