namespace CollabApp.Core.Todos;

/// <summary>
/// A pending to-do change as the browser tab keeps it until the server answers, so that a reload, or the page
/// coming back on another instance after its instance died, sends it again instead of losing it. Sending again is
/// safe: an add carries its id (the server creates an item once); a move puts the item where the user put it
/// again; a delete of an item already gone has nothing left to do; an update is checked against the version the
/// user changed, so it cannot silently overwrite what someone else did in between (they get the conflict dialog).
/// </summary>
/// <param name="Key">Names the change in the tab's storage, across pages.</param>
/// <param name="BaseVersion">For an update: the item's version the change was made on.</param>
public sealed record KeptTodoChange(string Key, PendingTodoKind Kind, string Id, string? Title, bool? Done, int? BaseVersion, string? BeforeId)
{
    public static KeptTodoChange From(PendingTodoChange change, string key, int? baseVersion) =>
        new(key, change.Kind, change.Id, change.Title, change.Done, change.ExpectedVersion ?? baseVersion, change.BeforeId);

    /// <summary>
    /// Makes the change pending again on the new page's list (which holds the server's items); null when there is
    /// nothing left to send: the add or update is already there (the first page's call went through), or the item
    /// it moves, changes or deletes is gone.
    /// </summary>
    public PendingTodoChange? Replay(OptimisticTodoList list)
    {
        // Read back from the browser: anything malformed is dropped, not sent.
        if (!Enum.IsDefined(Kind) || string.IsNullOrEmpty(Key) || string.IsNullOrEmpty(Id))
        {
            return null;
        }
        var current = list.ServerItem(Id);
        if (Kind == PendingTodoKind.Add)
        {
            return current is null && Title is not null ? list.Add(Id, Title) : null;
        }
        if (current is null)
        {
            return null;
        }
        switch (Kind)
        {
            case PendingTodoKind.Update:
                var patch = new TodoPatch(Title, Done);
                var wanted = patch.ApplyTo(current);
                return patch.IsEmpty || (wanted.Title == current.Title && wanted.Done == current.Done)
                    ? null
                    : list.Update(Id, patch, BaseVersion ?? current.Version);
            case PendingTodoKind.Move:
                return list.Move(Id, BeforeId);
            default:
                return list.Delete(Id);
        }
    }
}
