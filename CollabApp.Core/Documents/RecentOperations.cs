namespace CollabApp.Core.Documents;

/// <summary>
/// The editor's replay buffer: the newest committed operations, in the room's order, so that what the browser may
/// have missed (JS calls made while it was away are lost) can be delivered again; the client drops the ones it
/// already has by revision. Bounded: a browser further behind than this catches up from the document log instead.
/// </summary>
public sealed class RecentOperations(int capacity = RecentOperations.DefaultCapacity)
{
    public const int DefaultCapacity = 1000;

    // A queue, not a list: once full, every operation that arrives pushes out the oldest, and a list would shift all the
    // others to do it (a thousand moves per operation, per open editor).
    private Queue<OperationCommitted> _operations = new();

    public int Count => _operations.Count;

    public void Add(OperationCommitted operation)
    {
        _operations.Enqueue(operation);
        if (_operations.Count > capacity)
        {
            _operations.Dequeue();
        }
    }

    /// <summary>Forgets what a text at <paramref name="revision"/> already contains.</summary>
    public void DropThrough(int revision)
    {
        if (_operations.Any(o => o.Revision <= revision))
        {
            _operations = new Queue<OperationCommitted>(_operations.Where(o => o.Revision > revision));
        }
    }

    /// <summary>The kept operations past <paramref name="revision"/>, oldest first.</summary>
    public IReadOnlyList<OperationCommitted> After(int revision) => [.. _operations.Where(o => o.Revision > revision)];
}
