using CollabApp.Core.Events;

namespace CollabApp.Core.Documents;

/// <summary>
/// The data of an <c>operation</c> event: <see cref="Op"/> as committed (transformed) to become
/// <see cref="Revision"/>. The submitter recognises its acknowledgement by <see cref="ClientOpId"/>.
/// </summary>
public sealed record OperationCommitted(int Revision, TextOperation Op, string UserId, string ClientOpId) : IFromUser;

/// <summary>The data of a transient <c>cursor</c> event: a user's selection at a revision.</summary>
public sealed record CursorMoved(string UserId, string UserName, int Revision, int Anchor, int Head) : IFromUser;

/// <summary>A document's text at a revision.</summary>
public sealed record DocumentState(int Revision, string Text);
