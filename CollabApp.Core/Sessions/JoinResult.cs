using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using CollabApp.Core.Todos;

namespace CollabApp.Core.Sessions;

/// <summary>
/// The answer to joining a room: either a replay of the missed events (<see cref="Resumed"/>) or a full
/// <see cref="State"/>; <see cref="LastEventId"/> is the newest durable event either one covers.
/// </summary>
public sealed record JoinResult(bool Resumed, RoomState? State, string? LastEventId);

/// <summary>Everything a newcomer needs to show a room.</summary>
public sealed record RoomState(
    string RoomId,
    string Name,
    IReadOnlyList<PresenceEntry> Online,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<TodoItem> Todos,
    DocumentState Document);
