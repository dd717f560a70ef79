using CollabApp.Core.Events;

namespace CollabApp.Tests.Core.Events;

public sealed class RoomEventTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void TheTypedId_IsTheWireIdParsed_AndAbsentForATransientEvent()
    {
        var durable = new RoomEvent("1700000000000-3", "r", "message", At, new object());
        var transient = new RoomEvent(null, "r", "typing", At, new object());

        Assert.Equal(new EventId(1700000000000, 3), durable.Id);
        Assert.Null(transient.Id);
        Assert.False(transient.IsDurable);
    }

    [Fact]
    public void ACopyWithAnotherWireId_CarriesThatIdTyped()
    {
        var original = new RoomEvent("1700000000000-3", "r", "message", At, new object());

        var moved = original with { EventId = "1700000000001-0" };
        var unnumbered = original with { EventId = null };

        Assert.Equal(new EventId(1700000000001, 0), moved.Id);
        Assert.Null(unnumbered.Id);
        Assert.Equal(new EventId(1700000000000, 3), original.Id);
    }
}
