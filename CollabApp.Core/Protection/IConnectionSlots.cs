namespace CollabApp.Core.Protection;

/// <summary>
/// Caps on things that stay open (connections, circuits), shared by every instance that uses the same
/// implementation: a named set holds at most a given number of holders. A holder's slot lapses after
/// <see cref="Lifetime"/> unless renewed, so the slots of an instance that died free themselves.
/// </summary>
public interface IConnectionSlots
{
    /// <summary>How long a slot lives without renewal.</summary>
    static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(90);

    /// <summary>True when <paramref name="holder"/> now holds a slot in <paramref name="set"/> (or already did).</summary>
    Task<bool> TryTakeAsync(string set, string holder, int limit, CancellationToken cancellationToken);

    /// <summary>How many holders <paramref name="set"/> has now (a cheap look before the work of opening a connection).</summary>
    Task<int> CountAsync(string set, CancellationToken cancellationToken);

    Task ReleaseAsync(string set, string holder, CancellationToken cancellationToken);

    /// <summary>Extends the lifetime of slots this instance holds.</summary>
    Task RenewAsync(IReadOnlyCollection<(string Set, string Holder)> slots, CancellationToken cancellationToken);
}
