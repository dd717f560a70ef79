using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;
using CollabApp.Hosting;

namespace CollabApp.Tests.Core.Rooms;

public sealed class RoomRightsTests
{
    private static readonly CollabUser Owner = new("u-owner", "owner", "Owner");
    private static readonly CollabUser Member = new("u-member", "member", "Member");
    private static readonly CollabUser Other = new("u-other", "other", "Other");
    private static readonly RoomInfo Private = new("den", "Den", true, Owner.UserId);
    private static readonly RoomInfo Public = new("square", "Square", false, Owner.UserId);
    private static readonly RoomInfo Lobby = new("lobby", "Lobby", false, null);

    [Fact]
    public void OnlyTheOwner_Manages_AndNobodyManagesARoomWithoutOwner()
    {
        RoomRights.RequireOwner(Private, Owner);
        Assert.Equal(CollabErrorCode.Forbidden, Assert.Throws<CollabError>(() => RoomRights.RequireOwner(Private, Member)).Code);
        Assert.Equal(CollabErrorCode.Forbidden, Assert.Throws<CollabError>(() => RoomRights.RequireOwner(Lobby, Owner)).Code);
    }

    [Fact]
    public void Removal_OwnerRemovesOthers_MembersLeavePrivateRooms_NobodyRemovesTheOwner()
    {
        RoomRights.RequireMayRemove(Private, Owner, Member.UserId);
        RoomRights.RequireMayRemove(Private, Member, Member.UserId);
        Assert.Throws<CollabError>(() => RoomRights.RequireMayRemove(Private, Owner, Owner.UserId));
        Assert.Throws<CollabError>(() => RoomRights.RequireMayRemove(Private, Member, Owner.UserId));
        Assert.Throws<CollabError>(() => RoomRights.RequireMayRemove(Private, Member, Other.UserId));
        Assert.Throws<CollabError>(() => RoomRights.RequireMayRemove(Public, Member, Member.UserId));
        RoomRights.RequireMayRemove(Public, Owner, Member.UserId);
    }

    [Fact]
    public void Leave_IsOfferedToNonOwnersOfPrivateRoomsOnly()
    {
        Assert.True(RoomRights.MayLeave(Private, Member));
        Assert.False(RoomRights.MayLeave(Private, Owner));
        Assert.False(RoomRights.MayLeave(Public, Member));
    }

    [Fact]
    public void MayEndAccess_OnlyForDeletionOrTheRemovalOfThatUser()
    {
        RoomEvent Event(string type, object data) => RoomEvents.Transient("den", type, DateTimeOffset.UnixEpoch, data);
        var removed = new MemberChange("den", Member.UserId, Member.UserName, Member.DisplayName);

        Assert.True(RoomRights.MayEndAccess(Event(RoomChangeEventTypes.MemberRemoved, removed), Member.UserId));
        Assert.False(RoomRights.MayEndAccess(Event(RoomChangeEventTypes.MemberRemoved, removed), Other.UserId));
        Assert.False(RoomRights.MayEndAccess(Event(RoomChangeEventTypes.MemberAdded, removed), Member.UserId));
        Assert.True(RoomRights.MayEndAccess(Event(RoomChangeEventTypes.RoomDeleted, new RoomDeleted("den")), Other.UserId));
        Assert.False(RoomRights.MayEndAccess(Event(RoomChangeEventTypes.RoomRenamed, new RoomRenamed("den", "New")), Member.UserId));
    }

    [Theory]
    [InlineData(RoomChangeEventTypes.MemberAdded)]
    [InlineData(RoomChangeEventTypes.MemberRemoved)]
    public void RoomChangeEvents_RoundTripThroughTheBusJson(string type)
    {
        foreach (var roomEvent in new[]
        {
            RoomEvents.Transient("den", type, DateTimeOffset.UnixEpoch, new MemberChange("den", "u1", "ann", "Ann Lee")),
            RoomEvents.Transient("den", RoomChangeEventTypes.RoomRenamed, DateTimeOffset.UnixEpoch, new RoomRenamed("den", "New name")),
            RoomEvents.Transient("den", RoomChangeEventTypes.RoomDeleted, DateTimeOffset.UnixEpoch, new RoomDeleted("den")),
        })
        {
            var read = RoomEventJson.DeserializePublished(RoomEventJson.Serialize(roomEvent), CollabEventTypes.Catalog).Event;
            Assert.Equal(roomEvent, read);
        }
    }
}
