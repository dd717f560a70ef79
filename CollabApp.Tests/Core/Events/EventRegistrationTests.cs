using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Todos;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Core.Events;

/// <summary>The registrations that make the event log generic: the features' event types, and their persistences.</summary>
public sealed class EventRegistrationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATypeNameRegisteredTwice_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new RoomEventCatalog([RoomEventType.Of<ChatMessage>("message"), RoomEventType.Of<TodoChange>("message")]));

    [Fact]
    public void TheCatalog_ReadsBackOnlyWhatWasRegistered()
    {
        var catalog = new RoomEventCatalog(PresenceEventTypes.All);

        Assert.Equal(typeof(TypingNotice), catalog.DataType(PresenceEventTypes.Typing));
        Assert.Null(catalog.DataType(ChatEventTypes.Message));
    }

    [Fact]
    public async Task ThePersister_StoresAnEventThroughItsTypesPersistence_AndRefusesATypeWithNone()
    {
        var saved = new RecordingPersistence(ChatEventTypes.Message);
        var persister = new EventPersister(new InMemoryRoomEventLog(new InMemoryRoomEventBus(), new EventLogOptions(), TimeProvider.System), [saved]);
        var message = RoomEvents.Committed(new EventId(7, 0), "lobby", ChatEventTypes.Message, At, new ChatMessage("m1", "lobby", "c1", "u1", "ann", "hi", At, null));
        var todo = RoomEvents.Committed(new EventId(8, 0), "lobby", TodoEventTypes.Todo, At, new TodoChange(TodoChange.Added, new TodoItem("t1", "milk", false, 1, 1, At, "u1")));

        await persister.StoreAsync(message, CancellationToken.None).DefaultTimeout();

        Assert.Equal([message], saved.Batches.SelectMany(b => b));
        await Assert.ThrowsAsync<ArgumentException>(() => persister.StoreAsync(todo, CancellationToken.None));
    }

    private sealed class RecordingPersistence(string eventType) : IEventPersistence
    {
        public List<IReadOnlyList<RoomEvent>> Batches { get; } = [];

        public string EventType => eventType;

        public Task SaveAsync(IReadOnlyList<RoomEvent> batch, CancellationToken cancellationToken)
        {
            lock (Batches)
            {
                Batches.Add(batch);
            }
            return Task.CompletedTask;
        }
    }
}
