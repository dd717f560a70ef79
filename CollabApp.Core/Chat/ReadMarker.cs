using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>How far a user has read a room: the newest message seen (null with <see cref="EventId"/> 0-0: none yet).</summary>
public sealed record ReadMarker(string? MessageId, EventId EventId)
{
    /// <summary>A marker for a room whose messages, if any, are all unread from the start.</summary>
    public static ReadMarker Start { get; } = new(null, new EventId(0, 0));
}
