using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;

namespace CollabApp.Hosting;

/// <summary>
/// The room event types of every feature, collected where the features are wired together (Core's event log knows
/// none of them): what the app reads events back with, and what the tests read them with, so both read the same.
/// </summary>
public static class CollabEventTypes
{
    public static RoomEventCatalog Catalog { get; } = new(
    [
        .. ChatEventTypes.All,
        .. TodoEventTypes.All,
        .. DocumentEventTypes.All,
        .. PresenceEventTypes.All,
        .. RoomChangeEventTypes.All,
    ]);
}
