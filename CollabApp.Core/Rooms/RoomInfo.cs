namespace CollabApp.Core.Rooms;

/// <summary>A room as the access rules see it.</summary>
public sealed record RoomInfo(string RoomId, string Name, bool IsPrivate, string? OwnerId);
