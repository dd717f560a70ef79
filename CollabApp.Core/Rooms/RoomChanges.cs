namespace CollabApp.Core.Rooms;

/// <summary>
/// The data of a <c>memberAdded</c> or <c>memberRemoved</c> event: who joined or left the room's member list
/// (removed by the owner, or left by themselves).
/// </summary>
public sealed record MemberChange(string RoomId, string UserId, string UserName, string DisplayName);

/// <summary>The data of a <c>roomRenamed</c> event: the room's new name.</summary>
public sealed record RoomRenamed(string RoomId, string Name);

/// <summary>The data of a <c>roomDeleted</c> event: the room is gone; every call about it is <c>not-found:</c> from now on.</summary>
public sealed record RoomDeleted(string RoomId);
