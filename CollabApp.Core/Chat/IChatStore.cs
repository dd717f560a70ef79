namespace CollabApp.Core.Chat;

/// <summary>Durable chat history (the database).</summary>
public interface IChatStore
{
    Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken);

    /// <summary>Stores a committed message; storing the same message again changes nothing.</summary>
    Task SaveAsync(ChatMessage message, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages before <paramref name="beforeId"/> (or the newest), oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> ListBeforeAsync(string roomId, string? beforeId, int limit, CancellationToken cancellationToken);
}
