using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;

namespace CollabApp.Hosting;

public static class RoomEventServiceCollectionExtensions
{
    /// <summary>
    /// The event types the features registered (<see cref="CollabEventTypes"/>), the persistence of each durable type
    /// that the <see cref="EventPersister"/> stores, and the persister: in one place, so the app and the component tests
    /// store the same events.
    /// </summary>
    public static IServiceCollection AddCollabRoomEvents(this IServiceCollection services)
    {
        services.AddSingleton(CollabEventTypes.Catalog);
        // To-dos are durable too, but saved by TodoService before they are appended (the database holds their version).
        services.AddSingleton<IEventPersistence, ChatMessagePersistence>();
        services.AddSingleton<IEventPersistence, MessageChangePersistence>();
        services.AddSingleton<IEventPersistence, OperationPersistence>();
        services.AddSingleton<EventPersister>();
        return services;
    }
}
