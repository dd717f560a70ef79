namespace CollabApp.Core.Todos;

/// <summary>To-do limits (<c>Collab__Limits__MaxTodosPerRoom</c>).</summary>
public sealed class TodoOptions
{
    /// <summary>
    /// Live to-dos a room may hold; adding past it is <c>too-large:</c>. Bounds what one add reads (it places the new
    /// item after the last) and what the room keeps, at most this many titles of 500 characters. Concurrent adds are
    /// counted from the same read, so a race may pass the quota by the number of adds in flight, never by more.
    /// </summary>
    public int MaxTodosPerRoom { get; set; } = 1_000;
}
