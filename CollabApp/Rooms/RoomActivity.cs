using CollabApp.Core.Chat;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;

namespace CollabApp.Rooms;

/// <summary>
/// What the room list shows beside each room: unread messages (one capped query for all the user's rooms) and how
/// many people are online (presence, per room).
/// </summary>
public sealed class RoomActivity(ReadMarkerService reads, PresenceService presence)
{
    public async Task<IReadOnlyList<RoomListEntry>> ForAsync(CollabUser user, IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken)
    {
        var unread = await reads.CountUnreadAsync(user, cancellationToken);
        var online = await Task.WhenAll(rooms.Select(r => presence.GetOnlineAsync(r.RoomId, cancellationToken)));
        return [.. rooms.Select((r, i) => new RoomListEntry(
            r.RoomId, r.Name, r.IsPrivate,
            unread.TryGetValue(r.RoomId, out var count) ? count : null,
            online[i].Count(p => p.Status != PresenceStatus.Offline)))];
    }
}

/// <summary>
/// A room in <c>GET /api/rooms</c>: <see cref="Unread"/> is null for a room never opened, and at most
/// <see cref="ReadMarkerService.UnreadCap"/> (meaning "that many or more").
/// </summary>
public sealed record RoomListEntry(string RoomId, string Name, bool IsPrivate, int? Unread, int Online);
