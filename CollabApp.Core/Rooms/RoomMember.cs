namespace CollabApp.Core.Rooms;

/// <summary>One entry of a room's member list: the owner, or a member the owner added.</summary>
public sealed record RoomMember(string UserId, string UserName, string DisplayName, bool IsOwner);
