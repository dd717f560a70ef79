namespace CollabApp.Core.Todos;

/// <summary>The fields an update sets; absent fields stay as they are.</summary>
public sealed record TodoPatch(string? Title, bool? Done)
{
    public bool IsEmpty => Title is null && Done is null;

    public TodoItem ApplyTo(TodoItem item) => item with { Title = Title ?? item.Title, Done = Done ?? item.Done };
}
