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

/// <summary>
/// Everything a newcomer needs to show a room. <see cref="Todos"/> holds at most <see cref="RoomSessions.SnapshotTodos"/>
/// items, the first by position; <see cref="TodosTotal"/> says how many the room has (the rest: <c>GetTodos</c>).
/// </summary>
public sealed record RoomState(
    string RoomId,
    string Name,
    IReadOnlyList<PresenceEntry> Online,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<TodoItem> Todos,
    DocumentState Document)
{
    /// <summary>The room's live to-dos, counting those the snapshot leaves out.</summary>
    public int TodosTotal { get; init; } = Todos.Count;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasMoreTodos => TodosTotal > Todos.Count;
}
