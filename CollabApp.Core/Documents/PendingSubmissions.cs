using CollabApp.Core.Rooms;

namespace CollabApp.Core.Documents;

/// <summary>One operation submitted on this instance, waiting for the commit that takes it.</summary>
internal sealed class DocumentSubmission(CollabUser user, int revision, TextOperation op, string clientOpId)
{
    public CollabUser User { get; } = user;

    public int Revision { get; } = revision;

    public TextOperation Op { get; } = op;

    public string ClientOpId { get; } = clientOpId;

    /// <summary>The log's client op key: one batch never holds two submissions with the same.</summary>
    public string Key => $"{User.UserId}:{ClientOpId}";

    public TaskCompletionSource<SubmitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// What became of a submission: the revision it has (its commit's, or an earlier commit's of the same client op id),
/// and what is left to store: its event, or the earlier commit's operation, and a snapshot that fell due.
/// </summary>
internal sealed record SubmitOutcome(int Revision, Events.RoomEvent? Committed, OperationCommitted? Duplicate, DocumentState? Snapshot);

/// <summary>
/// Per document, the submissions waiting on this instance. The first submitter to find none waiting commits them (its own
/// and whatever arrived meanwhile) in one compare-and-append; whoever comes while that is under way waits to be taken by
/// the next one. So a burst of keystrokes costs one round trip to the log, not one per keystroke queued behind the last.
/// </summary>
internal sealed class PendingSubmissions
{
    private readonly Lock _gate = new();
    // A room is here while someone is committing its submissions: its list holds those not yet taken.
    private readonly Dictionary<string, List<DocumentSubmission>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Adds a submission; true when no commit is under way for the document, so the caller starts one.</summary>
    public bool Add(string roomId, DocumentSubmission submission)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(roomId, out var waiting))
            {
                waiting.Add(submission);
                return false;
            }
            _waiting[roomId] = [submission];
            return true;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> waiting submissions, oldest first, at most one per client op key (a repeat waits for
    /// the next batch, where the log finds it a duplicate). When none wait, the commit is over: the next submitter starts one.
    /// </summary>
    public List<DocumentSubmission> TakeOrFinish(string roomId, int max)
    {
        lock (_gate)
        {
            var waiting = _waiting[roomId];
            if (waiting.Count == 0)
            {
                _waiting.Remove(roomId);
                return [];
            }
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var taken = new List<DocumentSubmission>();
            foreach (var submission in waiting)
            {
                if (taken.Count < max && keys.Add(submission.Key))
                {
                    taken.Add(submission);
                }
            }
            var takenNow = taken.ToHashSet();
            waiting.RemoveAll(takenNow.Contains);
            return taken;
        }
    }

    /// <summary>Ends the commit if nothing waits; false when more came meanwhile (the caller commits them too, or hands them on).</summary>
    public bool FinishIfIdle(string roomId)
    {
        lock (_gate)
        {
            if (_waiting[roomId].Count > 0)
            {
                return false;
            }
            _waiting.Remove(roomId);
            return true;
        }
    }
}
