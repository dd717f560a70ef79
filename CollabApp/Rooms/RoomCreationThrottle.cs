using CollabApp.Core.Protection;
using CollabApp.Hosting;
using CollabApp.Protection;
using Microsoft.Extensions.Options;

namespace CollabApp.Rooms;

/// <summary>
/// Rooms created per user (<c>RoomsPerHour</c>) and per client IP (twice that, for people behind one address), across
/// all instances. How many rooms a user may own at all is the quota in <see cref="RoomCatalog"/>.
/// </summary>
public sealed class RoomCreationThrottle(IRateLimiter limiter, IOptions<LimitsOptions> limits)
{
    /// <param name="address">The client IP when known (the API); a page's circuit is counted per user only.</param>
    public Task<Throttle> TakeAsync(string userId, string? address, CancellationToken cancellationToken)
    {
        var perUser = ("rooms:" + userId, Throttle.PerHour(limits.Value.RoomsPerHour));
        return address is null
            ? Throttle.TakeAsync(limiter, cancellationToken, perUser)
            : Throttle.TakeAsync(limiter, cancellationToken, ("rooms-ip:" + address, Throttle.PerHour(2 * limits.Value.RoomsPerHour)), perUser);
    }
}
