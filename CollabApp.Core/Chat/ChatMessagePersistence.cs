using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>Stores committed <c>message</c> events; idempotent by message id.</summary>
public sealed class ChatMessagePersistence(IChatStore chat) : IEventPersistence
{
    public string EventType => ChatEventTypes.Message;

    public Task SaveAsync(IReadOnlyList<RoomEvent> batch, CancellationToken cancellationToken) =>
        chat.SaveManyAsync([.. batch.Select(e => (ChatMessage)e.Data)], cancellationToken);
}
