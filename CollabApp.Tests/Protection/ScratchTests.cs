using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;
using Xunit.Abstractions;

namespace CollabApp.Tests.Protection;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Collab:Realtime:KeepAliveSeconds"] = "1",
            ["Collab:Realtime:ClientTimeoutSeconds"] = "3",
        });
        var user = await room.RegisterAsync();
        await using var frozen = await RawHubSocket.ConnectAsync(room.App.First.BaseAddress, user.Token);
        var opts0 = room.App.First.Get<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.SignalR.HubOptions<CollabApp.Hubs.CollabHub>>>().Value;
        output.WriteLine($"keepalive {opts0.KeepAliveInterval} timeout {opts0.ClientTimeoutInterval}");
        var started = DateTime.UtcNow;
        try { await frozen.ReadUntilClosedAsync(TimeSpan.FromSeconds(6)); } catch (Exception e) { output.WriteLine(e.GetType().Name); }
        output.WriteLine($"closed after {(DateTime.UtcNow - started).TotalSeconds}s state {frozen.State} frames {frozen.Frames}");
        var opts = room.App.First.Get<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.SignalR.HubOptions<CollabApp.Hubs.CollabHub>>>().Value;
        output.WriteLine($"keepalive {opts.KeepAliveInterval} timeout {opts.ClientTimeoutInterval}");
    }
}
