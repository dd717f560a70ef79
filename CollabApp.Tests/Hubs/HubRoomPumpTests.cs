using CollabApp.Core.Presence;
using CollabApp.Core.Sessions;
using CollabApp.Hubs;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// A hub pump is published to its connection's rooms before its delivery starts, so a disconnect can stop it in
/// between: the delivery must then never start (it used to start on a disposed token and log a false failure).
/// </summary>
public sealed class HubRoomPumpTests : RoomComponentTest
{
    [Fact]
    public async Task APumpStoppedBeforeItStarted_NeverStartsItsDelivery()
    {
        var pump = new HubRoomPump(await OpenAsync(), Wait);
        await pump.StopAsync().WaitAsync(Wait);
        var delivered = false;

        pump.Start(() =>
        {
            delivered = true;
            return Task.CompletedTask;
        });
        await pump.Delivery.WaitAsync(Wait);

        Assert.False(delivered);
    }

    [Fact]
    public async Task StoppingAStartedPump_CancelsItsDelivery_AndWaitsForItToEnd()
    {
        var pump = new HubRoomPump(await OpenAsync(), Wait);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pump.Start(async () =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, pump.Stopping).ContinueWith(_ => cancelled.SetResult(), TaskScheduler.Default);
            await release.Task;
        });
        await started.Task.WaitAsync(Wait);

        var stop = pump.StopAsync();
        await cancelled.Task.WaitAsync(Wait);
        Assert.False(stop.IsCompleted);
        release.SetResult();

        await stop.WaitAsync(Wait);
        Assert.True(pump.Delivery.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ADeliveryStuckPastTheStopsWait_KeepsItsCancelledTokenUsable_UntilItEnds()
    {
        var pump = new HubRoomPump(await OpenAsync(), stopWait: TimeSpan.FromMilliseconds(50));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? sawCancelled = null;
        pump.Start(async () =>
        {
            started.SetResult();
            // A write that ignores cancellation (a stalled socket), then a look at the token, as the delivery loop does.
            await release.Task;
            // The wait handle belongs to the source: reading it throws once the source is disposed.
            sawCancelled = pump.Stopping.WaitHandle.WaitOne(0);
        });
        await started.Task.WaitAsync(Wait);

        await pump.StopAsync().WaitAsync(Wait);
        Assert.False(pump.Delivery.IsCompleted);
        release.SetResult();

        await pump.Delivery.WaitAsync(Wait);
        Assert.True(sawCancelled);
    }

    private Task<RoomSession> OpenAsync() =>
        Get<RoomSessions>().OpenAsync(Lobby, Alice, new PresenceConnection("hub-pump", Alice.UserId, Alice.UserName), null, away: false, CancellationToken.None)
            .WaitAsync(Wait);
}
