using CollabApp.Core.Todos;

namespace CollabApp.Components.Todos;

/// <summary>What the user chose in the conflict dialog: a patch to apply on the current version, or none.</summary>
public sealed record TodoConflictChoice(string Kind, TodoPatch? Patch)
{
    public static TodoConflictChoice TakeTheirs { get; } = new("theirs", null);

    public static TodoConflictChoice KeepMine(TodoItem mine) => new("mine", new TodoPatch(mine.Title, null));

    public static TodoConflictChoice Merged(TodoPatch patch) => new("merge", patch);
}
