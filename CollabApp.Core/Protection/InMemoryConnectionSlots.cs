namespace CollabApp.Core.Protection;

/// <summary>The embedded mode's slots: one process, one lock, the same lapse rule as the Redis sets.</summary>
public sealed class InMemoryConnectionSlots(TimeProvider time) : IConnectionSlots
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _sets = new(StringComparer.Ordinal);

    public Task<bool> TryTakeAsync(string set, string holder, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_sets.TryGetValue(set, out var holders))
            {
                holders = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                _sets[set] = holders;
            }
            foreach (var lapsed in holders.Where(h => h.Value <= now).Select(h => h.Key).ToList())
            {
                holders.Remove(lapsed);
            }
            if (!holders.ContainsKey(holder) && holders.Count >= limit)
            {
                return Task.FromResult(false);
            }
            holders[holder] = now + IConnectionSlots.Lifetime;
            return Task.FromResult(true);
        }
    }

    public Task<int> CountAsync(string set, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult(_sets.TryGetValue(set, out var holders) ? holders.Values.Count(until => until > now) : 0);
        }
    }

    public Task ReleaseAsync(string set, string holder, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // An empty set is dropped, so the sets never outnumber the users holding something.
            if (_sets.TryGetValue(set, out var holders) && holders.Remove(holder) && holders.Count == 0)
            {
                _sets.Remove(set);
            }
        }
        return Task.CompletedTask;
    }

    public Task RenewAsync(IReadOnlyCollection<(string Set, string Holder)> slots, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + IConnectionSlots.Lifetime;
        lock (_gate)
        {
            foreach (var (set, holder) in slots)
            {
                if (_sets.TryGetValue(set, out var holders) && holders.ContainsKey(holder))
                {
                    holders[holder] = until;
                }
            }
        }
        return Task.CompletedTask;
    }
}
