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
        var pump = new HubRoomPump(await OpenAsync());
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
        var pump = new HubRoomPump(await OpenAsync());
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = false;
        pump.Start(async () =>
        {
            var token = pump.Stopping.Token;
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => ended = true, TaskScheduler.Default);
        });
        await started.Task.WaitAsync(Wait);

        await pump.StopAsync().WaitAsync(Wait);

        Assert.True(ended);
    }

    private Task<RoomSession> OpenAsync() =>
        Get<RoomSessions>().OpenAsync(Lobby, Alice, new PresenceConnection("hub-pump", Alice.UserId, Alice.UserName), null, away: false, CancellationToken.None)
            .WaitAsync(Wait);
}
