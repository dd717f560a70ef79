namespace CollabApp.Core.Todos;

/// <summary>
/// A client's to-do list that shows every change at once. It keeps two things apart:
/// <list type="bullet">
/// <item>the confirmed server state: the newest version of each item the server has shown us (from the
/// snapshot, from <c>todo</c> events and from the answers to our own calls), and the ids it deleted;</item>
/// <item>the queue of our changes the server has not answered yet, in the order they were made.</item>
/// </list>
/// The view is always recomputed as the server state with the pending changes replayed on top. So an
/// answer (ok, conflict or error) only moves the server state forward and drops that change from the
/// queue; the changes still pending are rebased on the new server state, never rolled back to a stale
/// copy. Server versions only grow: an older copy of an item (a late event, a snapshot that overlaps
/// events) never replaces a newer one, and a deleted id never comes back, because ids are never reused.
/// Not thread-safe: one owner (a circuit's component) calls it from one thread at a time.
/// </summary>
public sealed class OptimisticTodoList
{
    private readonly Dictionary<string, TodoItem> _server = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);
    private readonly List<PendingTodoChange> _pending = [];
    private long _nextChangeId;
    private IReadOnlyList<TodoView> _view = [];

    public OptimisticTodoList(IEnumerable<TodoItem>? server = null)
    {
        foreach (var item in server ?? [])
        {
            Observe(item);
        }
        Recompute();
    }

    /// <summary>The list as the user sees it, in ascending position; items touched by a pending change are marked.</summary>
    public IReadOnlyList<TodoView> View => _view;

    /// <summary>Our unanswered changes, oldest first.</summary>
    public IReadOnlyList<PendingTodoChange> Pending => _pending;

    /// <summary>The newest confirmed version of an item, or null if the server has not shown it (or deleted it).</summary>
    public TodoItem? ServerItem(string id) => _server.GetValueOrDefault(id);

    /// <summary>Takes a full snapshot (after a resync): items missing from it are gone; pending changes are rebased on it.</summary>
    public void Reset(IEnumerable<TodoItem> server)
    {
        var incoming = server.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var id in _server.Keys.Where(id => !incoming.ContainsKey(id)).ToList())
        {
            _server.Remove(id);
            _deleted.Add(id);
        }
        foreach (var item in incoming.Values)
        {
            Observe(item);
        }
        Recompute();
    }

    /// <summary>A <c>todo</c> event from the room (anyone's change, ours included).</summary>
    public void ApplyRemote(TodoChange change)
    {
        if (change.Kind == TodoChange.Deleted)
        {
            MarkDeleted(change.Item.Id);
        }
        else
        {
            Observe(change.Item);
        }
        Recompute();
    }

    public PendingTodoChange Add(string id, string title) =>
        Enqueue(new PendingTodoChange(NextId(), PendingTodoKind.Add, id, title, null, null, null));

    /// <summary>Ticks or unticks: last-write-wins on the server (no expected version).</summary>
    public PendingTodoChange SetDone(string id, bool done) =>
        Enqueue(new PendingTodoChange(NextId(), PendingTodoKind.Update, id, null, done, null, null));

    /// <summary>A title edit, checked against the version the user started editing.</summary>
    public PendingTodoChange Rename(string id, string title, int expectedVersion) =>
        Enqueue(new PendingTodoChange(NextId(), PendingTodoKind.Update, id, title, null, expectedVersion, null));

    /// <summary>A checked update of several fields (the merge of a conflict).</summary>
    public PendingTodoChange Update(string id, TodoPatch patch, int? expectedVersion) =>
        Enqueue(new PendingTodoChange(NextId(), PendingTodoKind.Update, id, patch.Title, patch.Done, expectedVersion, null));

    /// <summary>Moves the item before <paramref name="beforeId"/>, or to the end.</summary>
    public PendingTodoChange Move(string id, string? beforeId) =>
        Enqueue(new PendingTodoChange(NextId(), PendingTodoKind.Move, id, null, null, null, beforeId));

    public PendingTodoChange Delete(string id) =>
        Enqueue(new PendingTodoChange(NextId(), PendingTodoKind.Delete, id, null, null, null, null));

    /// <summary>
    /// The server accepted the change. <paramref name="item"/> is its answer: the item after the change
    /// (for a delete, the item as it was last, or null when it was already gone).
    /// </summary>
    public void Confirm(long changeId, TodoItem? item)
    {
        var change = Take(changeId);
        if (change?.Kind == PendingTodoKind.Delete)
        {
            MarkDeleted(change.Id);
        }
        else if (item is not null)
        {
            Observe(item);
        }
        Recompute();
    }

    /// <summary>
    /// The server refused a checked change: <paramref name="current"/> is its item now. The change is
    /// dropped (the caller decides with the user what to do next); the other pending changes stay.
    /// </summary>
    public void Conflict(long changeId, TodoItem current)
    {
        Take(changeId);
        Observe(current);
        Recompute();
    }

    /// <summary>
    /// The server refused the change with an error (or it never arrived). The change is dropped; with
    /// <paramref name="gone"/> the item no longer exists on the server (not-found).
    /// </summary>
    public void Fail(long changeId, bool gone = false)
    {
        var change = Take(changeId);
        if (gone && change is not null)
        {
            MarkDeleted(change.Id);
        }
        Recompute();
    }

    private PendingTodoChange Enqueue(PendingTodoChange change)
    {
        _pending.Add(change);
        Recompute();
        return change;
    }

    private long NextId() => ++_nextChangeId;

    private PendingTodoChange? Take(long changeId)
    {
        var index = _pending.FindIndex(c => c.ChangeId == changeId);
        if (index < 0)
        {
            return null;
        }
        var change = _pending[index];
        _pending.RemoveAt(index);
        return change;
    }

    private void Observe(TodoItem item)
    {
        if (_deleted.Contains(item.Id))
        {
            return;
        }
        if (!_server.TryGetValue(item.Id, out var known) || item.Version > known.Version)
        {
            _server[item.Id] = item;
        }
    }

    private void MarkDeleted(string id)
    {
        _server.Remove(id);
        _deleted.Add(id);
    }

    // The server state with every pending change replayed in order. A change whose item is gone is
    // skipped (it will fail on the server too, and its answer removes it from the queue).
    private void Recompute()
    {
        var items = _server.Values.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var pendingIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in _pending)
        {
            switch (change.Kind)
            {
                case PendingTodoKind.Add when !items.ContainsKey(change.Id) && !_deleted.Contains(change.Id):
                    var last = items.Values.Count == 0 ? 0 : items.Values.Max(i => i.Position);
                    items[change.Id] = new TodoItem(change.Id, change.Title!, false, Math.Floor(last) + 1, 0, DateTimeOffset.MinValue, "");
                    pendingIds.Add(change.Id);
                    break;
                case PendingTodoKind.Update when items.TryGetValue(change.Id, out var current):
                    items[change.Id] = new TodoPatch(change.Title, change.Done).ApplyTo(current);
                    pendingIds.Add(change.Id);
                    break;
                case PendingTodoKind.Move when items.TryGetValue(change.Id, out var moving):
                    var others = Sorted(items.Values.Where(i => i.Id != change.Id));
                    var beforeId = change.BeforeId is { } b && items.ContainsKey(b) ? b : null;
                    items[change.Id] = moving with { Position = TodoPositions.Before(others, beforeId) };
                    pendingIds.Add(change.Id);
                    break;
                case PendingTodoKind.Delete:
                    items.Remove(change.Id);
                    break;
            }
        }
        _view = [.. Sorted(items.Values).Select(i => new TodoView(i, pendingIds.Contains(i.Id)))];
    }

    private static List<TodoItem> Sorted(IEnumerable<TodoItem> items) =>
        [.. items.OrderBy(i => i.Position).ThenBy(i => i.Id, StringComparer.Ordinal)];
}

/// <summary>An item as shown, and whether a change of ours to it is still unanswered.</summary>
public sealed record TodoView(TodoItem Item, bool IsPending);

public enum PendingTodoKind
{
    Add,
    Update,
    Move,
    Delete,
}

/// <summary>
/// One unanswered change. <see cref="ChangeId"/> names it when its answer comes back; the other fields are
/// what to send: the title or done of an add or update, the expected version of a checked update, the
/// item to move before.
/// </summary>
public sealed record PendingTodoChange(
    long ChangeId,
    PendingTodoKind Kind,
    string Id,
    string? Title,
    bool? Done,
    int? ExpectedVersion,
    string? BeforeId);
