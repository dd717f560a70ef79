using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Core.Sessions;

/// <summary>
/// Joining with a snapshot while the room is busy: a message committed after the snapshot read the newest event id
/// but before it read the history is in the snapshot and also arrives live. The joiner must get it once.
/// </summary>
public sealed class RoomSessionsTests : RoomComponentTest
{
    private static readonly CancellationToken None = CancellationToken.None;

    private Task<ChatMessage> SendAsync(CollabUser user, string text) =>
        Get<ChatService>().SendAsync(user, Lobby.RoomId, Guid.NewGuid().ToString(), text, None);

    [Fact]
    public async Task Snapshot_MessageCommittedWhileItIsRead_IsInTheStateAndNotDeliveredAgain()
    {
        await SendAsync(Alice, "before");
        await using var subscription = await Get<RoomFanout>().SubscribeAsync(Lobby.RoomId, None);
        ChatStore.BeforeNextList = () => SendAsync(Bob, "during");

        var joined = await Get<RoomSessions>().StartAsync(Lobby, null, subscription.Queue, None).WaitAsync(Wait);
        await SendAsync(Bob, "after");

        Assert.Equal(["before", "during"], joined.State!.Messages.Select(m => m.Text));
        Assert.Equal(["after"], await DeliveredUntilAsync(subscription.Queue, "after"));
    }

    [Fact]
    public async Task Snapshot_QuietRoom_DeliversEveryLaterMessage()
    {
        await using var subscription = await Get<RoomFanout>().SubscribeAsync(Lobby.RoomId, None);

        var joined = await Get<RoomSessions>().StartAsync(Lobby, null, subscription.Queue, None).WaitAsync(Wait);
        await SendAsync(Bob, "one");
        await SendAsync(Alice, "two");

        Assert.Empty(joined.State!.Messages);
        Assert.Equal(["one", "two"], await DeliveredUntilAsync(subscription.Queue, "two"));
    }

    [Fact]
    public async Task TwoSnapshotsOfTheSameRoom_HoldTheSameMessages()
    {
        await SendAsync(Alice, "one");
        await SendAsync(Bob, "two");

        var (first, _) = await Get<RoomSessions>().SnapshotAsync(Lobby, None);
        var (second, _) = await Get<RoomSessions>().SnapshotAsync(Lobby, None);

        Assert.Equal(["one", "two"], second.Messages.Select(m => m.Text));
        Assert.All(first.Messages.Zip(second.Messages), pair => Assert.Same(pair.First, pair.Second));
    }

    private static async Task<List<string>> DeliveredUntilAsync(SubscriberQueue queue, string lastText)
    {
        var texts = new List<string>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var item in queue.ReadAllAsync(timeout.Token))
        {
            if (item.Event?.Data is ChatMessage message)
            {
                texts.Add(message.Text);
                if (message.Text == lastText)
                {
                    break;
                }
            }
        }
        return texts;
    }
}
