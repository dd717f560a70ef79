namespace CollabApp.Core.Events;

/// <summary>
/// One kind of room event as the feature that owns it registers it: its wire name (docs/protocol.md, Events) and the
/// record its data is read back as. The event log is generic over its payloads; the features (Chat, Todos, Documents,
/// Presence, Rooms) say which kinds exist, and the host collects them into a <see cref="RoomEventCatalog"/>.
/// </summary>
public sealed record RoomEventType(string Name, Type DataType)
{
    public static RoomEventType Of<TData>(string name) where TData : class => new(name, typeof(TData));
}
