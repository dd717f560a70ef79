using CollabApp.Core.Events;

namespace CollabApp.Core.Rooms;

/// <summary>
/// Changes of the room itself (docs/protocol.md, Events; applied by <see cref="RoomRights"/>): transient, delivered to
/// the room's subscribers on every instance. Their wire names and the records they carry.
/// </summary>
public static class RoomChangeEventTypes
{
    public const string MemberAdded = "memberAdded";
    public const string MemberRemoved = "memberRemoved";
    public const string RoomRenamed = "roomRenamed";
    public const string RoomDeleted = "roomDeleted";

    public static IReadOnlyList<RoomEventType> All { get; } =
    [
        RoomEventType.Of<MemberChange>(MemberAdded),
        RoomEventType.Of<MemberChange>(MemberRemoved),
        RoomEventType.Of<Rooms.RoomRenamed>(RoomRenamed),
        RoomEventType.Of<Rooms.RoomDeleted>(RoomDeleted),
    ];
}
