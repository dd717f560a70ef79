using CollabApp.Core.Chat;

namespace CollabApp.Tests.Core.Chat;

public sealed class ChatScrollTests
{
    [Fact]
    public void AtTheBottom_NewMessagesAreFollowed_OncePerRequest()
    {
        var scroll = new ChatScroll();

        scroll.MessageAdded(mine: false);

        Assert.True(scroll.TakeToBottom());
        Assert.False(scroll.TakeToBottom());
        Assert.False(scroll.NewBelow);
    }

    [Fact]
    public void ScrolledUp_OthersMessagesAreOfferedBelow_OursAreFollowed()
    {
        var scroll = new ChatScroll();
        scroll.ScrolledTo(atBottom: false);

        scroll.MessageAdded(mine: false);
        Assert.True(scroll.NewBelow);
        Assert.False(scroll.TakeToBottom());

        scroll.MessageAdded(mine: true);
        Assert.True(scroll.TakeToBottom());

        scroll.ScrolledTo(atBottom: true);
        Assert.False(scroll.NewBelow);
    }

    [Fact]
    public void JumpingToTheNewest_HidesTheOffer_AndOlderPagesKeepThePosition()
    {
        var scroll = new ChatScroll();
        scroll.ScrolledTo(atBottom: false);
        scroll.MessageAdded(mine: false);

        scroll.JumpToNewest();
        scroll.OlderAdded();

        Assert.False(scroll.NewBelow);
        Assert.True(scroll.TakeToBottom());
        Assert.True(scroll.TakeRestore());
        Assert.False(scroll.TakeRestore());
    }
}
