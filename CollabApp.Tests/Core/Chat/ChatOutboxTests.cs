using CollabApp.Components.Chat;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabApp.Tests.Core.Chat;

public sealed class ChatOutboxTests
{
    private static readonly CollabUser Alice = new("u-alice", "alice", "Alice");
    private readonly ChatTimeline _timeline = new();
    private readonly List<(string ClientMessageId, string Text)> _sent = [];
    private Exception? _failWith;

    private ChatOutbox NewOutbox() => new(_timeline, Alice, "lobby", new ManualTimeProvider(DateTimeOffset.UnixEpoch), SendAsync, NullLogger.Instance);

    private Task<ChatMessage> SendAsync(string clientMessageId, string text)
    {
        _sent.Add((clientMessageId, text));
        return _failWith is { } e
            ? Task.FromException<ChatMessage>(e)
            : Task.FromResult(new ChatMessage("m" + _sent.Count, "lobby", clientMessageId, Alice.UserId, Alice.UserName, text, DateTimeOffset.UnixEpoch, $"{_sent.Count}-0"));
    }

    [Fact]
    public async Task AQueuedMessage_ShowsPending_ThenConfirmedOnce()
    {
        var outbox = NewOutbox();

        var id = outbox.Queue("hello");
        var pending = Assert.Single(_timeline.Entries);
        Assert.Equal(ChatEntryState.Sending, pending.State);
        await outbox.DeliverAsync(id);

        var confirmed = Assert.Single(_timeline.Entries);
        Assert.Equal(ChatEntryState.Confirmed, confirmed.State);
        Assert.Equal([(id, "hello")], _sent);
    }

    [Fact]
    public async Task ARefusal_LeavesItFailedWithTheReason_AndARetrySendsTheSameClientMessageId()
    {
        var outbox = NewOutbox();
        _failWith = CollabError.RateLimited("too many actions at once; slow down.");
        var id = outbox.Queue("hello");

        await outbox.DeliverAsync(id);
        var failed = Assert.Single(_timeline.Entries);
        Assert.Equal(ChatEntryState.Failed, failed.State);
        Assert.Equal(ErrorText.TooFast, failed.Error);

        _failWith = null;
        Assert.True(outbox.Retry(id));
        Assert.Equal(ChatEntryState.Sending, Assert.Single(_timeline.Entries).State);
        await outbox.DeliverAsync(id);

        Assert.Equal(ChatEntryState.Confirmed, Assert.Single(_timeline.Entries).State);
        Assert.Equal([id, id], _sent.Select(s => s.ClientMessageId));
    }

    [Fact]
    public async Task ALostCall_ReadsAsTheServerOutOfReach_AndAnUnknownRetryDoesNothing()
    {
        var outbox = NewOutbox();
        _failWith = new IOException("connection reset");
        var id = outbox.Queue("hello");

        await outbox.DeliverAsync(id);

        Assert.Equal(ErrorText.Unreachable, Assert.Single(_timeline.Entries).Error);
        Assert.False(outbox.Retry("no-such-message"));
    }
}
