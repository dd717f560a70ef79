namespace CollabApp.Core.Rooms;

/// <summary>
/// Who may change a room's member list, name and existence. Only the owner manages a room; the owner stays its
/// member for as long as the room exists (there is no hand-over), so they can neither be removed nor leave. A
/// member of a private room may leave it; a public room is open to everyone anyway, so leaving it would change
/// nothing. Rooms without an owner (the lobby) are managed by no one.
/// </summary>
public static class RoomRights
{
    public static bool IsOwner(RoomInfo room, CollabUser user) => room.OwnerId is not null && room.OwnerId == user.UserId;

    /// <summary>Adding and removing members, renaming and deleting.</summary>
    public static void RequireOwner(RoomInfo room, CollabUser user)
    {
        if (!IsOwner(room, user))
        {
            throw CollabError.Forbidden($"only the owner of room '{room.RoomId}' may change it.");
        }
    }

    /// <summary>Removing <paramref name="targetUserId"/>: the owner removes others; a member leaves a private room.</summary>
    public static void RequireMayRemove(RoomInfo room, CollabUser actor, string targetUserId)
    {
        if (targetUserId == room.OwnerId)
        {
            throw CollabError.Forbidden("the owner cannot be removed from their room, nor leave it; delete the room instead.");
        }
        if (targetUserId == actor.UserId)
        {
            if (!room.IsPrivate)
            {
                throw CollabError.Forbidden($"room '{room.RoomId}' is public: everyone may enter it, so there is nothing to leave.");
            }
            return;
        }
        RequireOwner(room, actor);
    }

    /// <summary>
    /// Whether a room event may have ended <paramref name="userId"/>'s right to the room (the room was deleted, or they
    /// were removed from its members): a subscriber that reads one asks <see cref="RoomAccess"/> again, and leaves the
    /// room when it no longer may enter (a member removed from a public room may still).
    /// </summary>
    public static bool MayEndAccess(Events.RoomEvent roomEvent, string userId) => roomEvent.Data switch
    {
        RoomDeleted => true,
        MemberChange removed when roomEvent.Type == RoomChangeEventTypes.MemberRemoved => removed.UserId == userId,
        _ => false,
    };

    /// <summary>Whether the UI offers "Leave room" to <paramref name="user"/>.</summary>
    public static bool MayLeave(RoomInfo room, CollabUser user) => room.IsPrivate && !IsOwner(room, user);
}
