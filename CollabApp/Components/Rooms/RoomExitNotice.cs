using CollabApp.Components.Members;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;

namespace CollabApp.Components.Rooms;

/// <summary>What the room page says when it sends the user back to the room list.</summary>
public static class RoomExitNotice
{
    /// <summary>For a room event that ended the user's right to the room (<see cref="RoomConnection.AccessEnded"/>).</summary>
    public static string For(RoomEvent reason, string roomName) => reason.Data switch
    {
        RoomDeleted => $"The room “{roomName}” was deleted.",
        _ => $"You are no longer a member of “{roomName}”.",
    };

    /// <summary>For the user's own choice in the Members dialog; null when they stay.</summary>
    public static string? For(MembersDialogResult result, string roomName) => result switch
    {
        MembersDialogResult.Deleted => $"You deleted the room “{roomName}”.",
        MembersDialogResult.Left => $"You left the room “{roomName}”.",
        _ => null,
    };
}
