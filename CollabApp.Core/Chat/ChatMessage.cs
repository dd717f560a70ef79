namespace CollabApp.Core.Chat;

/// <summary>A chat message as stored and as sent on the wire (PROTOCOL.md, Records).</summary>
public sealed record ChatMessage(
    string Id,
    string RoomId,
    string ClientMessageId,
    string UserId,
    string UserName,
    string Text,
    DateTimeOffset SentAt,
    string? EventId);
