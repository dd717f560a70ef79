using CollabApp.Core.Chat;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;

namespace CollabApp.Rooms;

/// <summary>
/// What the room list shows beside each room: unread messages (one capped query for all the user's rooms) and how
/// many people are online (presence, per room). Presence lives in Redis: while it cannot be read, the list still
/// comes, without the online counts.
/// </summary>
public sealed class RoomActivity(ReadMarkerService reads, PresenceService presence)
{
    public async Task<IReadOnlyList<RoomListEntry>> ForAsync(CollabUser user, IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken)
    {
        var unread = await reads.CountUnreadAsync(user, cancellationToken);
        var online = await OnlineAsync(rooms, cancellationToken);
        return [.. rooms.Select((r, i) => new RoomListEntry(
            r.RoomId, r.Name, r.IsPrivate,
            unread.TryGetValue(r.RoomId, out var count) ? count : null,
            online[i]))];
    }

    private async Task<int?[]> OnlineAsync(IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken)
    {
        try
        {
            var entries = await Task.WhenAll(rooms.Select(r => presence.GetOnlineAsync(r.RoomId, cancellationToken)));
            return [.. entries.Select(e => (int?)e.Count(p => p.Status != PresenceStatus.Offline))];
        }
        catch (Core.CollabError e) when (e.Code == Core.CollabErrorCode.Unavailable)
        {
            return new int?[rooms.Count];
        }
    }
}

/// <summary>
/// A room in <c>GET /api/rooms</c>: <see cref="Unread"/> is null for a room never opened, and at most
/// <see cref="ReadMarkerService.UnreadCap"/> (meaning "that many or more"); <see cref="Online"/> is null while presence
/// cannot be read.
/// </summary>
public sealed record RoomListEntry(string RoomId, string Name, bool IsPrivate, int? Unread, int? Online);
