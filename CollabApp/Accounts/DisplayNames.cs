using System.Collections.Concurrent;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Accounts;

/// <summary>Where the UI learns a user's display name (the events carry only the user name).</summary>
public interface IDisplayNameSource
{
    Task<string?> FindAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>Display names from the accounts table.</summary>
public sealed class EfDisplayNameSource(IDbContextFactory<CollabDbContext> contexts) : IDisplayNameSource
{
    public async Task<string?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>
/// Display names for the UI, each looked up once per process: accounts cannot rename themselves, so a
/// name never goes stale. Unknown users (hub-only test users, deleted accounts) fall back to the user name.
/// </summary>
public sealed class DisplayNames(IDisplayNameSource source)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, string?> _names = new(StringComparer.Ordinal);

    public string? Known(string userId) => _names.GetValueOrDefault(userId);

    public async Task<string?> LookUpAsync(string userId, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(userId, out var known))
        {
            return known;
        }
        var name = await source.FindAsync(userId, cancellationToken);
        if (_names.Count < MaxEntries)
        {
            _names[userId] = string.IsNullOrWhiteSpace(name) ? null : name;
        }
        return name;
    }
}
