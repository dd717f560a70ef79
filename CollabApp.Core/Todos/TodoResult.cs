namespace CollabApp.Core.Todos;

/// <summary>The answer to a to-do change: <c>ok</c> with the item, or <c>conflict</c> with the current item.</summary>
public sealed record TodoResult(string Status, TodoItem? Item)
{
    public const string OkStatus = "ok";
    public const string ConflictStatus = "conflict";

    public bool IsConflict => Status == ConflictStatus;

    public static TodoResult Ok(TodoItem? item) => new(OkStatus, item);

    public static TodoResult Conflict(TodoItem current) => new(ConflictStatus, current);
}
