namespace CollabApp.Core.Documents;

/// <summary>
/// The sequencer's shared state: each document's head revision and its newest committed operations (for
/// transforming late submissions). A commit is a compare-and-append: in one atomic step it checks the head,
/// records the operations, appends their <c>operation</c> events to the room's stream and publishes them.
/// </summary>
public interface IDocumentLog
{
    /// <summary>
    /// Commits <paramref name="operations"/> (revisions <paramref name="expectedHead"/> + 1, + 2, …, each based on the one
    /// before) in one step if the head is still <paramref name="expectedHead"/> and none of their client op ids was
    /// committed before: the operations an instance's submitters sent meanwhile share one round trip. A log may commit
    /// only a leading part of them (<see cref="DocumentCommit.EventIds"/> says how many) when it cannot take more now.
    /// </summary>
    Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken);

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
/// The outcome of a commit attempt and the revision it concerns: for a commit, the last committed operation's revision
/// and each committed operation's event id in the room stream, in order; for a duplicate, the earlier revision of the
/// operation at <see cref="DuplicateIndex"/> (nothing was committed); for a stale attempt, the head and the operations
/// committed after the expected head (incomplete when the log no longer keeps them all).
/// </summary>
public sealed record DocumentCommit(
    DocumentCommitStatus Status, int Revision, IReadOnlyList<Events.EventId>? EventIds = null, DocumentHistory? Missed = null, int DuplicateIndex = 0)
{
    /// <summary>The last committed operation's event id.</summary>
    public Events.EventId? EventId => EventIds is [.., var last] ? last : null;
}

public static class DocumentLogExtensions
{
    /// <summary>Commits one operation (a batch of one).</summary>
    public static Task<DocumentCommit> TryCommitAsync(
        this IDocumentLog log, string roomId, int expectedHead, OperationCommitted operation, DateTimeOffset at, CancellationToken cancellationToken) =>
        log.TryCommitAsync(roomId, expectedHead, [operation], at, cancellationToken);
}

/// <summary>
/// Operations after a revision. <see cref="Seeded"/> false: the log knows nothing of the document.
/// <see cref="Complete"/> false: some of the requested operations are no longer retained.
/// </summary>
public sealed record DocumentHistory(bool Seeded, bool Complete, int HeadRevision, IReadOnlyList<OperationCommitted> Operations)
{
    public static DocumentHistory NotSeeded { get; } = new(false, false, 0, []);
}
