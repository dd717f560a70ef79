using System.Collections.Concurrent;
using CollabApp.Core.Protection;

namespace CollabApp.Protection;

/// <summary>
/// Open hub connections and Blazor circuits per user, capped across all instances (<see cref="IConnectionSlots"/>).
/// Remembers what this instance holds so <see cref="ConnectionSlotRenewer"/> keeps it alive; whatever an instance
/// held when it died lapses within <see cref="IConnectionSlots.Lifetime"/>.
/// </summary>
public sealed class UserConnectionCaps(IConnectionSlots slots)
{
    public const string HubConnections = "hub";
    public const string Circuits = "circuit";

    private readonly ConcurrentDictionary<(string Set, string Holder), byte> _held = new();

    public async Task<bool> TryOpenAsync(string kind, string userId, string holder, int limit, CancellationToken cancellationToken)
    {
        var set = SetName(kind, userId);
        if (!await slots.TryTakeAsync(set, holder, limit, cancellationToken))
        {
            return false;
        }
        _held[(set, holder)] = 0;
        return true;
    }

    /// <summary>True when the user already holds <paramref name="limit"/> open connections of this kind.</summary>
    public async Task<bool> IsFullAsync(string kind, string userId, int limit, CancellationToken cancellationToken) =>
        await slots.CountAsync(SetName(kind, userId), cancellationToken) >= limit;

    public async Task CloseAsync(string kind, string userId, string holder)
    {
        var set = SetName(kind, userId);
        if (_held.TryRemove((set, holder), out _))
        {
            await slots.ReleaseAsync(set, holder, CancellationToken.None);
        }
    }

    public Task RenewAsync(CancellationToken cancellationToken) =>
        _held.IsEmpty ? Task.CompletedTask : slots.RenewAsync([.. _held.Keys], cancellationToken);

    private static string SetName(string kind, string userId) => kind + ":" + userId;
}
