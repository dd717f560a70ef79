using CollabApp.Core;

namespace CollabApp.Tests.Core;

public sealed class ErrorTextTests
{
    [Fact]
    public void TooFastAndBusy_ReadTheSameWhateverTheServerSaid()
    {
        Assert.Equal(ErrorText.TooFast, ErrorText.For(CollabError.RateLimited("too many actions at once; slow down.")));
        Assert.Equal(ErrorText.Busy, ErrorText.For(CollabError.Unavailable("redis: connection refused")));
    }

    [Fact]
    public void OtherRefusals_AreTheProtocolMessage_AsASentence()
    {
        Assert.Equal("Only its author may edit a message.", ErrorText.For(CollabError.Forbidden("only its author may edit a message.")));
        Assert.Equal("Title must not be empty.", ErrorText.For(CollabError.Invalid("title must not be empty")));
        Assert.Equal(ErrorText.Unreachable, ErrorText.For(CollabError.NotFound("  ")));
    }

    [Fact]
    public void AnythingElse_ReadsAsTheServerOutOfReach()
    {
        Assert.Equal(ErrorText.Unreachable, ErrorText.For(new TimeoutException("Npgsql: timeout while connecting")));
        Assert.Equal(ErrorText.Unreachable, ErrorText.For(new IOException("socket closed")));
    }
}
