using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;

namespace CollabApp.Core.Chat;

/// <summary>Chat: sending (idempotent per client message id), history and typing notices.</summary>
public sealed class ChatService(RoomAccess access, IChatStore store, IRoomEventLog log, IRoomEventBus bus, TimeProvider time)
{
    public const int MaxTextLength = 4000;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Sends a message. The stream commit comes first (it orders the message and, through the idempotency
    /// key, makes a retry find the first commit); the database write follows and is idempotent, so a retry
    /// after a crash between the two completes the write.
    /// </summary>
    public async Task<ChatMessage> SendAsync(CollabUser user, string? roomId, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (!InputRules.IsValidClientId(clientMessageId))
        {
            throw CollabError.Invalid("clientMessageId must be a UUID.");
        }
        var trimmed = ValidateText(text);
        var earlier = await store.FindByClientIdAsync(room.RoomId, user.UserId, clientMessageId!, cancellationToken);
        if (earlier is not null)
        {
            return earlier;
        }
        var now = time.GetUtcNow();
        var draft = new ChatMessage(Guid.CreateVersion7().ToString(), room.RoomId, clientMessageId!, user.UserId, user.UserName, trimmed, now, null);
        var appended = await log.AppendAsync(
            new AppendRequest(room.RoomId, RoomEventTypes.Message, draft, now, $"message:{user.UserId}:{clientMessageId}"),
            cancellationToken);
        var message = (ChatMessage)appended.Event.Data;
        await store.SaveAsync(message, cancellationToken);
        return message;
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(CollabUser user, string? roomId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (limit is < 1 or > MaxPageSize)
        {
            throw CollabError.Invalid($"limit must be between 1 and {MaxPageSize}.");
        }
        if (beforeId is not null && (beforeId.Length > 64 || !Guid.TryParse(beforeId, out _)))
        {
            throw CollabError.Invalid("beforeId must be the id of a message.");
        }
        return await store.ListBeforeAsync(room.RoomId, beforeId, limit, cancellationToken);
    }

    public async Task TypingAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        await bus.PublishTransientAsync(
            RoomEvents.Transient(room.RoomId, RoomEventTypes.Typing, time.GetUtcNow(), new TypingNotice(user.UserId, user.UserName)),
            cancellationToken);
    }

    private static string ValidateText(string? text)
    {
        if (text is null)
        {
            throw CollabError.Invalid("text is required.");
        }
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw CollabError.Invalid("text must not be empty.");
        }
        if (trimmed.Length > MaxTextLength)
        {
            throw CollabError.Invalid($"text must be at most {MaxTextLength} characters after trimming.");
        }
        if (!InputRules.IsWellFormedUtf16(trimmed))
        {
            throw CollabError.Invalid("text contains an unpaired surrogate.");
        }
        return trimmed;
    }
}
