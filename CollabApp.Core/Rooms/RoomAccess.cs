namespace CollabApp.Core.Rooms;

/// <summary>
/// The one place room rights are decided: any signed-in user may act in a public room, only members in
/// a private one. Every room operation of every service asks here first.
/// </summary>
public sealed class RoomAccess(IRoomDirectory directory)
{
    /// <summary>The room, or a <see cref="CollabError"/>: invalid id, unknown room, or no right to it.</summary>
    public async Task<RoomInfo> RequireAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        if (!InputRules.IsValidRoomId(roomId))
        {
            throw CollabError.Invalid("roomId must be 1-64 characters of a-z, 0-9 and '-'.");
        }
        var room = await directory.FindAsync(roomId!, cancellationToken)
            ?? throw CollabError.NotFound($"room '{roomId}' does not exist.");
        if (room.IsPrivate && room.OwnerId != user.UserId
            && !await directory.IsMemberAsync(room.RoomId, user.UserId, cancellationToken))
        {
            throw CollabError.Forbidden($"room '{roomId}' is private and you are not a member.");
        }
        return room;
    }

    /// <summary>Whether the room lets the user in; throws when it cannot say (a store is down: <c>unavailable</c>).</summary>
    public async Task<bool> CanEnterAsync(CollabUser user, string roomId, CancellationToken cancellationToken)
    {
        try
        {
            await RequireAsync(user, roomId, cancellationToken);
            return true;
        }
        catch (CollabError e) when (e.Code != CollabErrorCode.Unavailable)
        {
            return false;
        }
    }
}
