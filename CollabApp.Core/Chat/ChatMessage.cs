using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>
/// A chat message as stored and as sent on the wire (docs/protocol.md, Records). <see cref="EditedAt"/> is set once its
/// author has edited it; a <see cref="Deleted"/> message has an empty <see cref="Text"/> (the text is gone for good).
/// <see cref="ChangeEventId"/> is the event of the last edit or deletion applied, so a change arriving twice (a
/// replay, a snapshot that already shows it) is recognised (<see cref="MessageChanges.Apply"/>).
/// </summary>
public sealed record ChatMessage(
    string Id,
    string RoomId,
    string ClientMessageId,
    string UserId,
    string UserName,
    string Text,
    DateTimeOffset SentAt,
    string? EventId,
    DateTimeOffset? EditedAt = null,
    bool Deleted = false,
    string? ChangeEventId = null) : ICarriesEventId
{
    object ICarriesEventId.WithEventId(string eventId) => this with { EventId = eventId };
}
