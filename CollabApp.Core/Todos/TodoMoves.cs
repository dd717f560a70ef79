namespace CollabApp.Core.Todos;

/// <summary>
/// The index arithmetic of reordering the shown list: a step up or down, and a drop on another item, each turned
/// into the move of docs/protocol.md (the item, and the item it goes before; null for the end). Null when there is nothing
/// to move (out of range, onto itself).
/// </summary>
public static class TodoMoves
{
    /// <summary>Up (<paramref name="by"/> &lt; 0): before the one above. Down: before the one after the next, or to the end.</summary>
    public static (string Id, string? BeforeId)? Step(IReadOnlyList<TodoView> view, int index, int by)
    {
        var target = index + by;
        if (index < 0 || index >= view.Count || target < 0 || target >= view.Count)
        {
            return null;
        }
        var beforeId = by < 0 ? view[target].Item.Id : After(view, target);
        return (view[index].Item.Id, beforeId);
    }

    /// <summary>Dropped on the item at <paramref name="targetIndex"/>: take its place, the way the list looks while dragging.</summary>
    public static (string Id, string? BeforeId)? Drop(IReadOnlyList<TodoView> view, string? draggedId, int targetIndex)
    {
        if (IndexOf(view, draggedId) is not { } from || from == targetIndex || targetIndex < 0 || targetIndex >= view.Count)
        {
            return null;
        }
        var beforeId = from > targetIndex ? view[targetIndex].Item.Id : After(view, targetIndex);
        return (draggedId!, beforeId);
    }

    /// <summary>Where the item <paramref name="id"/> is shown; null when it is not (or <paramref name="id"/> is null).</summary>
    public static int? IndexOf(IReadOnlyList<TodoView> view, string? id)
    {
        for (var i = 0; id is not null && i < view.Count; i++)
        {
            if (view[i].Item.Id == id)
            {
                return i;
            }
        }
        return null;
    }

    private static string? After(IReadOnlyList<TodoView> view, int index) => index + 1 < view.Count ? view[index + 1].Item.Id : null;
}
