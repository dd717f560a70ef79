namespace CollabApp.Core.Presence;

/// <summary>
/// A user present in a room. <see cref="Connections"/> counts their live connections to the room on
/// every instance (tabs, devices).
/// </summary>
public sealed record PresenceEntry(string UserId, string UserName, string Status, int Connections, DateTimeOffset LastSeen);
