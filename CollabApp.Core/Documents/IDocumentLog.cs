namespace CollabApp.Core.Documents;

/// <summary>
/// The sequencer's shared state: each document's head revision and its newest committed operations (for
/// transforming late submissions). A commit is a compare-and-append: in one atomic step it checks the head,
/// records the operation, appends its <c>operation</c> event to the room's stream and publishes it.
/// </summary>
public interface IDocumentLog
{
    /// <summary>
    /// Commits <paramref name="operation"/> (whose revision is <paramref name="expectedHead"/> + 1) if the head
    /// is still <paramref name="expectedHead"/> and its client op id was not committed before.
    /// </summary>
    Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, OperationCommitted operation, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The committed operations after <paramref name="afterRevision"/>, in revision order.</summary>
    Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken);

    /// <summary>
    /// Restores a document's head and newest operations from the database when the log has none (first use
    /// after a restart of the embedded mode, or a Redis that lost its data). Does nothing if already seeded.
    /// </summary>
    Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken);
}

public enum DocumentCommitStatus
{
    Committed,
    /// <summary>The same user and client op id was committed before; <see cref="DocumentCommit.Revision"/> is that commit's.</summary>
    Duplicate,
    /// <summary>
    /// The head moved on: transform again against <see cref="DocumentCommit.Missed"/> (the operations after the expected
    /// head, sent with the refusal so the retry needs no read), or re-read when it is incomplete.
    /// </summary>
    Stale,
    /// <summary>The log lost or never had this document; seed it from the database and retry.</summary>
    NotSeeded,
}

/// <summary>
/// The outcome of a commit attempt, the revision it concerns and, for a commit, its event's id in the room stream; for
/// a stale attempt, the operations committed after the expected head (incomplete when the log no longer keeps them all).
/// </summary>
public sealed record DocumentCommit(DocumentCommitStatus Status, int Revision, Events.EventId? EventId = null, DocumentHistory? Missed = null);

/// <summary>
/// Operations after a revision. <see cref="Seeded"/> false: the log knows nothing of the document.
/// <see cref="Complete"/> false: some of the requested operations are no longer retained.
/// </summary>
public sealed record DocumentHistory(bool Seeded, bool Complete, int HeadRevision, IReadOnlyList<OperationCommitted> Operations)
{
    public static DocumentHistory NotSeeded { get; } = new(false, false, 0, []);
}
