namespace CollabApp.Core.Rooms;

/// <summary>The authenticated person acting; always taken from the principal, never from the client.</summary>
public sealed record CollabUser(string UserId, string UserName, string DisplayName);
