using CollabApp.Core.Protection;
using CollabApp.Hosting;
using CollabApp.Protection;
using Microsoft.Extensions.Options;

namespace CollabApp.Accounts;

/// <summary>
/// Slows password guessing and mass sign-up, for the API and the account forms alike, across all instances. A sign-in
/// attempt costs a token per client IP and a token per (account name, client IP): one address guessing one account's
/// password is slowed to <c>SignInsPerAccountPerMinute</c>, guessing many accounts to <c>SignInsPerMinute</c>. Nothing
/// is charged to the account itself, so no one can lock a user out: the real user, from their own address, signs in
/// as usual while an attacker is throttled (this replaces Identity's lockout after failed attempts).
/// </summary>
public sealed class AccountThrottle(IRateLimiter limiter, IOptions<LimitsOptions> limits)
{
    // Longer names are refused before any password check; the cap only keeps the bucket keys bounded.
    private const int MaxNameInKey = 64;

    public Task<Throttle> SignInAsync(string address, string? userName, CancellationToken cancellationToken)
    {
        var name = (userName ?? "").Trim().ToUpperInvariant();
        name = name.Length > MaxNameInKey ? name[..MaxNameInKey] : name;
        return Throttle.TakeAsync(limiter, cancellationToken,
            ("signin:" + address, Throttle.PerMinute(limits.Value.SignInsPerMinute)),
            ($"signin-name:{address}:{name}", Throttle.PerMinute(limits.Value.SignInsPerAccountPerMinute)));
    }

    public Task<Throttle> RegisterAsync(string address, CancellationToken cancellationToken) =>
        Throttle.TakeAsync(limiter, cancellationToken, ("register:" + address, Throttle.PerHour(limits.Value.RegistrationsPerHour)));
}
