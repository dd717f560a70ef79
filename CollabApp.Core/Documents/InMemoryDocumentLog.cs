using CollabApp.Core.Events;

namespace CollabApp.Core.Documents;

/// <summary>
/// The embedded mode's sequencer state: per document, a lock makes check-and-append atomic; the
/// <c>operation</c> event is appended to the room stream (which publishes it) inside that lock, so
/// operations are published in revision order.
/// </summary>
public sealed class InMemoryDocumentLog(IRoomEventLog events, DocumentOptions options) : IDocumentLog
{
    private readonly Lock _roomsGate = new();
    private readonly Dictionary<string, DocumentRecord> _documents = new(StringComparer.Ordinal);

    public async Task<DocumentCommit> TryCommitAsync(
        string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (RecordOf(roomId) is not { } record)
        {
            return new DocumentCommit(DocumentCommitStatus.NotSeeded, 0);
        }
        await record.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < operations.Count; i++)
            {
                if (record.RevisionByKey.TryGetValue(IdempotencyKey(operations[i]), out var earlier))
                {
                    return new DocumentCommit(DocumentCommitStatus.Duplicate, earlier, DuplicateIndex: i);
                }
            }
            if (record.Head != expectedHead)
            {
                return new DocumentCommit(DocumentCommitStatus.Stale, record.Head, Missed: record.ReadAfter(expectedHead));
            }
            var eventIds = new List<EventId>(operations.Count);
            foreach (var operation in operations)
            {
                // No idempotency key for the room stream: this log's client op keys decide duplicates. The stream's
                // key would outlive a trimmed op's (with RetainedOps < RetainedEvents) and swallow a legitimate
                // commit's event, leaving a revision that no client ever receives.
                AppendResult appended;
                try
                {
                    appended = await events.AppendAsync(new AppendRequest(roomId, DocumentEventTypes.Operation, operation, at, IdempotencyKey: null, AwaitsStore: true), cancellationToken).ConfigureAwait(false);
                }
                catch (CollabError) when (eventIds.Count > 0)
                {
                    // The stream refuses more now (the database is behind): what it took is committed; the rest is not.
                    break;
                }
                record.Append(operation, IdempotencyKey(operation), options);
                eventIds.Add(appended.Event.Id!.Value);
            }
            return new DocumentCommit(DocumentCommitStatus.Committed, record.Head, eventIds);
        }
        finally
        {
            record.Gate.Release();
        }
    }

    public async Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken)
    {
        if (RecordOf(roomId) is not { } record)
        {
            return DocumentHistory.NotSeeded;
        }
        await record.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return record.ReadAfter(afterRevision);
        }
        finally
        {
            record.Gate.Release();
        }
    }

    public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken)
    {
        lock (_roomsGate)
        {
            if (!_documents.ContainsKey(roomId))
            {
                _documents[roomId] = DocumentRecord.Seeded(headRevision, newestOperations, options);
            }
        }
        return Task.CompletedTask;
    }

    internal static string IdempotencyKey(OperationCommitted operation) => $"op:{operation.UserId}:{operation.ClientOpId}";

    private DocumentRecord? RecordOf(string roomId)
    {
        lock (_roomsGate)
        {
            return _documents.GetValueOrDefault(roomId);
        }
    }

    private sealed class DocumentRecord
    {
        // Trimmed from the front lazily (an offset, compacted in bulk) so each commit is O(1) amortised.
        private readonly List<OperationCommitted> _retained = [];
        private int _start;
        private long _bytes;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<string, int> RevisionByKey { get; } = new(StringComparer.Ordinal);

        public int Head { get; private set; }

        public static DocumentRecord Seeded(int head, IReadOnlyList<OperationCommitted> newest, DocumentOptions options)
        {
            var record = new DocumentRecord { Head = head - newest.Count };
            foreach (var operation in newest)
            {
                record.Append(operation, IdempotencyKey(operation), options);
            }
            record.Head = head;
            return record;
        }

        public void Append(OperationCommitted operation, string key, DocumentOptions options)
        {
            _retained.Add(operation);
            _bytes += EstimatedBytes(operation);
            RevisionByKey[key] = operation.Revision;
            Head = operation.Revision;
            // By count and by bytes (the newest always stays), as the Redis log's ops go with their trimmed events.
            while (_retained.Count - _start > options.RetainedOps || (_bytes > options.RetainedBytes && _retained.Count - _start > 1))
            {
                _bytes -= EstimatedBytes(_retained[_start]);
                RevisionByKey.Remove(IdempotencyKey(_retained[_start]));
                _start++;
            }
            if (_start >= Math.Min(options.RetainedOps, _retained.Count - _start))
            {
                _retained.RemoveRange(0, _start);
                _start = 0;
            }
        }

        // The inserted text's UTF-8 bytes and a little per component: the bulk of the op's JSON.
        private static long EstimatedBytes(OperationCommitted operation) =>
            64 + operation.Op.Components.Sum(c => c is Insert insert ? System.Text.Encoding.UTF8.GetByteCount(insert.Text) : 8);

        public DocumentHistory ReadAfter(int afterRevision)
        {
            var oldestBase = _retained.Count == _start ? Head : _retained[_start].Revision - 1;
            if (afterRevision < oldestBase || afterRevision > Head)
            {
                return new DocumentHistory(true, false, Head, []);
            }
            return new DocumentHistory(true, true, Head, _retained.GetRange(_start + afterRevision - oldestBase, Head - afterRevision));
        }
    }
}
