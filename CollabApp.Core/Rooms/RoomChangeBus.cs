using CollabApp.Core.Events;

namespace CollabApp.Core.Rooms;

/// <summary>
/// Carries room changes (members added or removed, renames, deletions) to every instance, over the room bus on one
/// channel of their own: every instance listens to it from start-up, whether or not it has anyone in the room, because
/// every instance may have remembered the room and its members (the directory cache) and must forget them at once.
/// The listener then hands each change to the room's local subscribers as a room event of the same type.
/// </summary>
public sealed class RoomChangeBus(IRoomEventBus bus, TimeProvider time)
{
    /// <summary>The channel's pseudo room: not a valid room id (InputRules), so no room can share it.</summary>
    public const string ChannelRoomId = "_rooms";

    public Task PublishAsync(string type, object data, CancellationToken cancellationToken) =>
        bus.PublishTransientAsync(RoomEvents.Transient(ChannelRoomId, type, time.GetUtcNow(), data), cancellationToken);

    /// <summary>Calls <paramref name="onChange"/> with each change as the event of the room it is about, in publish order.</summary>
    public Task<IAsyncDisposable> SubscribeAsync(Func<RoomEvent, ValueTask> onChange, CancellationToken cancellationToken) =>
        bus.SubscribeAsync(ChannelRoomId, message => RoomIdOf(message.Event.Data) is { } roomId
            ? onChange(message.Event with { RoomId = roomId })
            : ValueTask.CompletedTask, cancellationToken);

    private static string? RoomIdOf(object data) => data switch
    {
        MemberChange change => change.RoomId,
        RoomRenamed renamed => renamed.RoomId,
        RoomDeleted deleted => deleted.RoomId,
        _ => null,
    };
}
