using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>Stores committed <c>messageChange</c> events; idempotent by the change rule of <see cref="MessageChanges"/>.</summary>
public sealed class MessageChangePersistence(IChatStore chat) : IEventPersistence
{
    public string EventType => ChatEventTypes.MessageChange;

    public Task SaveAsync(IReadOnlyList<RoomEvent> batch, CancellationToken cancellationToken) =>
        chat.ApplyChangesAsync([.. batch.Select(e => (MessageChange)e.Data)], cancellationToken);
}
