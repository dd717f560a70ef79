using CollabApp.Core.Chat;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Core.Chat;

public sealed class TypingThrottleTests
{
    [Fact]
    public void OneNoticeEveryTwoSeconds_AndNoneForABlankDraft()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new TypingThrottle(clock);

        Assert.False(throttle.ShouldSend("   "));
        Assert.True(throttle.ShouldSend("h"));
        Assert.False(throttle.ShouldSend("he"));
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(throttle.ShouldSend("hel"));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(throttle.ShouldSend("hell"));
    }
}
