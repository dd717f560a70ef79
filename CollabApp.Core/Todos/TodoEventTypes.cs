using CollabApp.Core.Events;

namespace CollabApp.Core.Todos;

/// <summary>The to-do list's room event (docs/protocol.md, Events): its wire name and the record it carries.</summary>
public static class TodoEventTypes
{
    /// <summary>
    /// Durable: a to-do added, changed, moved or removed (<see cref="TodoChange"/>). Stored by <see cref="TodoService"/>
    /// before it is appended (the database holds the version compare-and-swap), so it has no event persistence.
    /// </summary>
    public const string Todo = "todo";

    public static IReadOnlyList<RoomEventType> All { get; } = [RoomEventType.Of<TodoChange>(Todo)];
}
