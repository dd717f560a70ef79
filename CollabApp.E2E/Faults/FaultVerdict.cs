namespace CollabApp.E2E.Faults;

/// <summary>
/// What a fault did to a room, judged from the clients and the history: acknowledged messages missing from history
/// (lost), acknowledged messages a client neither received live nor recovered by a resync (missed), messages a client
/// received live twice (duplicated), messages received live that history lacks (ghosts), and live messages out of
/// event order. A fault test asserts all five are zero.
/// </summary>
public sealed record FaultVerdict(int Acknowledged, int Lost, int Missed, int Duplicated, int Ghosts, int OutOfOrder, int Resyncs, int Reconnects, int Refusals)
{
    public static FaultVerdict Judge(IReadOnlyList<ChattingClient> clients, IReadOnlyList<string> history)
    {
        var stored = history.ToHashSet(StringComparer.Ordinal);
        var acknowledged = clients.SelectMany(c => c.Acknowledged).Distinct(StringComparer.Ordinal).ToList();
        int missed = 0, duplicated = 0, ghosts = 0, outOfOrder = 0;
        foreach (var client in clients)
        {
            var live = client.Live;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            duplicated += live.Count(l => !seen.Add(l.MessageId));
            ghosts += seen.Count(id => !stored.Contains(id));
            outOfOrder += live.Zip(live.Skip(1)).Count(pair => ChattingClient.Compare(pair.First.EventId, pair.Second.EventId) >= 0);
            var recovered = client.Recovered;
            missed += acknowledged.Count(id => !seen.Contains(id) && !recovered.Contains(id));
        }
        return new FaultVerdict(
            acknowledged.Count, acknowledged.Count(id => !stored.Contains(id)), missed, duplicated, ghosts, outOfOrder,
            clients.Sum(c => c.Resyncs), clients.Sum(c => c.Reconnects), clients.Sum(c => c.Refusals));
    }

    public void AssertNothingLost()
    {
        Assert.True(Acknowledged > 0, "nothing was acknowledged: the test measured nothing");
        Assert.Equal(0, Lost);
        Assert.Equal(0, Missed);
        Assert.Equal(0, Duplicated);
        Assert.Equal(0, Ghosts);
        Assert.Equal(0, OutOfOrder);
    }
}
