using CollabApp.Core.Chat;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Core.Chat;

public sealed class TypingIndicatorTests
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private int _expiries;

    private TypingIndicator NewIndicator()
    {
        TypingIndicator? indicator = null;
        indicator = new TypingIndicator(_clock, () =>
        {
            _expiries++;
            indicator!.Expire();
        });
        return indicator;
    }

    [Fact]
    public void OneTwoAndMoreTypists_ReadAsOneLine_InNameOrder()
    {
        using var indicator = NewIndicator();
        Assert.Null(indicator.Line);

        indicator.Typing("u-c", "Carol");
        Assert.Equal("Carol is typing…", indicator.Line);
        indicator.Typing("u-a", "alice");
        Assert.Equal("alice and Carol are typing…", indicator.Line);
        indicator.Typing("u-b", "Bob");
        Assert.Equal("Several people are typing…", indicator.Line);
    }

    [Fact]
    public void ANotice_ShowsForFourSeconds_AndTheTimerFiresWhenEachRunsOut()
    {
        using var indicator = NewIndicator();
        indicator.Typing("u-a", "alice");
        _clock.Advance(TimeSpan.FromSeconds(2));
        indicator.Typing("u-b", "bob");

        _clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal("alice and bob are typing…", indicator.Line);
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal("bob is typing…", indicator.Line);
        Assert.Equal(1, _expiries);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(indicator.Line);
        Assert.Equal(2, _expiries);
    }

    [Fact]
    public void ANewNotice_KeepsTheLineUp_AndTheirMessageTakesItDown()
    {
        using var indicator = NewIndicator();
        indicator.Typing("u-a", "alice");
        _clock.Advance(TimeSpan.FromSeconds(3));
        indicator.Typing("u-a", "alice");
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("alice is typing…", indicator.Line);

        indicator.Stopped("u-a");

        Assert.Null(indicator.Line);
    }
}
