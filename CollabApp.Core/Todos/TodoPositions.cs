namespace CollabApp.Core.Todos;

/// <summary>
/// Fractional positions: moving an item gives it a number between its new neighbours, so only the moved
/// item changes and concurrent moves of different items never disturb each other.
/// </summary>
public static class TodoPositions
{
    /// <summary>A position just before <paramref name="beforeId"/> among <paramref name="others"/> (sorted), or after the last.</summary>
    public static double Before(IReadOnlyList<TodoItem> others, string? beforeId)
    {
        if (beforeId is null)
        {
            return others.Count == 0 ? 1 : Math.Floor(others[^1].Position) + 1;
        }
        var index = -1;
        for (var i = 0; i < others.Count; i++)
        {
            if (others[i].Id == beforeId)
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            throw CollabError.NotFound($"to-do '{beforeId}' does not exist.");
        }
        var upper = others[index].Position;
        var lower = index == 0 ? upper - 2 : others[index - 1].Position;
        return lower + ((upper - lower) / 2);
    }
}
