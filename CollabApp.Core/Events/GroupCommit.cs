namespace CollabApp.Core.Events;

/// <summary>
/// Writes items in batches: while one batch is being written, new items gather, and the next write takes all of
/// them (up to <c>maxBatch</c>). A lone item is written at once, so an idle system pays one round trip and no
/// timer; under load the batches grow by themselves and each caller still waits for the write that holds its item
/// (the group commit of databases, applied across requests).
/// </summary>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, CancellationToken, Task> writeBatch, int maxBatch = 256)
{
    private readonly Lock _gate = new();
    private readonly List<(T Item, TaskCompletionSource Done)> _waiting = [];
    private bool _writing;

    /// <summary>Completes when the batch holding <paramref name="item"/> is written; fails as that batch's write failed.</summary>
    public Task WriteAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool startWriter;
        lock (_gate)
        {
            _waiting.Add((item, done));
            startWriter = !_writing;
            _writing = true;
        }
        if (startWriter)
        {
            _ = Task.Run(WriteWhileWaitingAsync);
        }
        return done.Task;
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                var take = Math.Min(maxBatch, _waiting.Count);
                batch = _waiting.GetRange(0, take);
                _waiting.RemoveRange(0, take);
            }
            try
            {
                // No caller's token: the batch is shared, and a write that has begun should finish for the others.
                await writeBatch([.. batch.Select(b => b.Item)], CancellationToken.None).ConfigureAwait(false);
                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception error)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(error);
                }
            }
        }
    }
}
