namespace CollabApp.Core.Chat;

/// <summary>Durable chat history (the database).</summary>
public interface IChatStore
{
    Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken);

    /// <summary>Stores committed messages (of any rooms) in one write; storing the same message again changes nothing.</summary>
    Task SaveManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);

    Task<ChatMessage?> FindAsync(string roomId, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies committed edits and deletions (of any rooms) in one write, by <see cref="MessageChanges.Apply"/>'s rule, so
    /// applying one again, or out of order, changes nothing; a change to a message not stored changes nothing either.
    /// </summary>
    Task ApplyChangesAsync(IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken);

    /// <summary>Whether the room has any stored message.</summary>
    Task<bool> HasAnyAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages before <paramref name="beforeId"/> (or the newest), oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> ListBeforeAsync(string roomId, string? beforeId, int limit, CancellationToken cancellationToken);
}
