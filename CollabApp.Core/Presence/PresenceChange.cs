using CollabApp.Core.Events;

namespace CollabApp.Core.Presence;

/// <summary>The data of a <c>presence</c> event: a user's status in a room changed.</summary>
public sealed record PresenceChange(string UserId, string UserName, string Status) : IFromUser;

/// <summary>The data of a transient <c>typing</c> event.</summary>
public sealed record TypingNotice(string UserId, string UserName) : IFromUser;
