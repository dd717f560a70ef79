using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Components;

public class RoomConnectionTests : RoomComponentTest
{
    public RoomConnectionTests()
    {
        FanoutOptions.QueueCapacity = 4;
    }

    [Fact]
    public async Task Overflow_Resyncs_AndNoMessageIsMissed()
    {
        var connection = NewConnection();
        var seen = new List<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.SnapshotLoaded += state =>
        {
            lock (seen)
            {
                seen.AddRange(state.Messages.Select(m => m.Id));
            }
            return Task.CompletedTask;
        };
        connection.MessageReceived += async message =>
        {
            await release.Task;
            lock (seen)
            {
                seen.Add(message.Id);
            }
        };
        await StartAsync(connection, Alice);
        var chat = Get<ChatService>();
        var sent = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            sent.Add((await chat.SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), $"m{i}", CancellationToken.None).WaitAsync(Wait)).Id);
        }

        release.SetResult();

        await WaitUntilAsync(() =>
        {
            lock (seen)
            {
                return sent.All(seen.Contains);
            }
        });
        Assert.True(Get<RoomFanout>().OverflowCount > 0);
        Assert.Equal(1, Get<RoomFanout>().SubscriberCount);
        Assert.NotNull(connection.LastEventId);
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        CollabApp.Tests.Hosting.Eventually.UntilAsync(condition, "the connection's state", Wait);
}
