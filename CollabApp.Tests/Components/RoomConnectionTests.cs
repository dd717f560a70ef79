using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
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

    [Fact]
    public async Task StartFailing_AfterPresence_TakesPresenceBack_AndStillFails()
    {
        var watcher = NewConnection();
        var seen = new List<PresenceChange>();
        watcher.PresenceChanged += change =>
        {
            lock (seen)
            {
                seen.Add(change);
            }
            return Task.CompletedTask;
        };
        await StartAsync(watcher, Bob);
        var failure = new InvalidOperationException("the log is unreachable");
        EventLog.FailSnapshotReads = failure;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(NewConnection(), Alice));

        Assert.Same(failure, thrown);
        Assert.Equal([Bob.UserId], (await Get<PresenceService>().GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait)).Select(e => e.UserId));
        Assert.Single(Get<LocalConnections>().Snapshot());
        await WaitUntilAsync(() =>
        {
            lock (seen)
            {
                return seen.Where(c => c.UserId == Alice.UserId).Select(c => c.Status).SequenceEqual([PresenceStatus.Online, PresenceStatus.Offline]);
            }
        });
    }

    [Fact]
    public async Task DisposedWhileItsFirstJoinIsOnItsWay_LeavesTheRoomOnceTheJoinEnds()
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds the join after its presence and subscription, while it reads the snapshot (a slow store).
        ChatStore.BeforeNextList = () =>
        {
            reached.SetResult();
            return release.Task;
        };
        var connection = NewConnection();
        var start = connection.StartAsync(Lobby, Alice, CancellationToken.None);
        await reached.Task.WaitAsync(Wait);

        await connection.DisposeAsync().AsTask().WaitAsync(Wait);
        release.SetResult();
        await start.WaitAsync(Wait);

        Assert.Equal(0, Get<RoomFanout>().SubscriberCount);
        Assert.Empty(await Get<PresenceService>().GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait));
        Assert.Empty(Get<LocalConnections>().Snapshot());
    }

    [Fact]
    public async Task AnAwayTab_ComesBackAway_AfterItsBrowserReconnects()
    {
        var connection = NewConnection();
        await StartAsync(connection, Alice);
        var presence = Get<PresenceService>();
        await connection.SetStatusAsync(PresenceStatus.Away, CancellationToken.None).WaitAsync(Wait);

        await connection.SuspendPresenceAsync().WaitAsync(Wait);
        Assert.Empty(await presence.GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait));
        await connection.ResumePresenceAsync().WaitAsync(Wait);

        Assert.Equal(PresenceStatus.Away, Assert.Single(await presence.GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait)).Status);
    }

    [Fact]
    public async Task AStatusReportedBeforeTheStart_IsTheOneTheTabJoinsWith()
    {
        var connection = NewConnection();
        await connection.SetStatusAsync(PresenceStatus.Away, CancellationToken.None).WaitAsync(Wait);

        await StartAsync(connection, Alice);

        Assert.Equal(PresenceStatus.Away, Assert.Single(await Get<PresenceService>().GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait)).Status);
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        CollabApp.Tests.Hosting.Eventually.UntilAsync(condition, "the connection's state", Wait);
}
