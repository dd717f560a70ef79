namespace CollabApp.Core.Todos;

/// <summary>The data of a <c>todo</c> event: what happened and the item after it (for deletes, as it was last).</summary>
public sealed record TodoChange(string Kind, TodoItem Item)
{
    public const string Added = "added";
    public const string Updated = "updated";
    public const string Moved = "moved";
    public const string Deleted = "deleted";
}
