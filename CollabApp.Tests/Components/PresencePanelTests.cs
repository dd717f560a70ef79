using Bunit;
using CollabApp.Components.Presence;
using CollabApp.Core.Presence;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Components;

public class PresencePanelTests : RoomComponentTest
{
    private async Task<IRenderedComponent<PresencePanel>> RenderPresenceAsync()
    {
        var connection = NewConnection();
        var cut = Render<PresencePanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);
        return cut;
    }

    private static (string? User, string? Status, string Text)[] Entries(IRenderedComponent<PresencePanel> cut) =>
        [.. cut.FindAll("aside[aria-label=\"Who's online\"] li[data-testid=presence-entry]")
            .Select(e => (e.GetAttribute("data-user"), e.GetAttribute("data-status"), e.TextContent))];

    [Fact]
    public async Task ShowsSelf_ThenOthersLive_SortedOncePerUser()
    {
        var cut = await RenderPresenceAsync();
        cut.WaitForAssertion(() => Assert.Equal(["alice"], Entries(cut).Select(e => e.User)), Wait);

        var presence = Get<PresenceService>();
        await presence.JoinAsync("lobby", new PresenceConnection("c-bob-1", Bob.UserId, Bob.UserName), CancellationToken.None).WaitAsync(Wait);
        await presence.JoinAsync("lobby", new PresenceConnection("c-bob-2", Bob.UserId, Bob.UserName), CancellationToken.None).WaitAsync(Wait);
        await presence.JoinAsync("lobby", new PresenceConnection("c-al", "u-aaron", "aaron"), CancellationToken.None).WaitAsync(Wait);
        Clock.Advance(TimeSpan.FromSeconds(31));

        cut.WaitForAssertion(() =>
        {
            var entries = Entries(cut);
            Assert.Equal(["aaron", "alice", "bob"], entries.Select(e => e.User));
            Assert.Contains("2 devices", entries[2].Text);
            Assert.DoesNotContain("devices", entries[1].Text);
            Assert.All(entries, e => Assert.Equal("online", e.Status));
        }, Wait);
    }

    [Fact]
    public async Task AwayAndOffline_UpdateLive()
    {
        var cut = await RenderPresenceAsync();
        var presence = Get<PresenceService>();
        var bob = new PresenceConnection("c-bob-1", Bob.UserId, Bob.UserName);
        await presence.JoinAsync("lobby", bob, CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal(2, Entries(cut).Length), Wait);

        await presence.SetStatusAsync(bob, PresenceStatus.Away, CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal("away", Entries(cut).Single(e => e.User == "bob").Status), Wait);

        await presence.LeaveAsync("lobby", bob, CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal(["alice"], Entries(cut).Select(e => e.User)), Wait);
    }

    [Fact]
    public async Task IdleReport_SetsOwnStatus()
    {
        var cut = await RenderPresenceAsync();

        await cut.InvokeAsync(() => cut.Instance.ReportStatus("away")).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal("away", Entries(cut).Single().Status), Wait);

        await cut.InvokeAsync(() => cut.Instance.ReportStatus("online")).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal("online", Entries(cut).Single().Status), Wait);
        await cut.InvokeAsync(() => cut.Instance.ReportStatus("offline")).WaitAsync(Wait);
        Assert.Equal("online", Entries(cut).Single().Status);
    }

    [Fact]
    public async Task IdleReport_IsThisTabsOnly_AliceShowsAwayOnceHerOtherTabIsAwayToo()
    {
        var cut = await RenderPresenceAsync();
        var presence = Get<PresenceService>();
        var otherTab = new PresenceConnection("c-alice-2", Alice.UserId, Alice.UserName);
        await presence.JoinAsync("lobby", otherTab, CancellationToken.None).WaitAsync(Wait);

        await cut.InvokeAsync(() => cut.Instance.ReportStatus("away")).WaitAsync(Wait);
        Assert.Equal("online", Assert.Single(await presence.GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait)).Status);

        await presence.SetStatusAsync(otherTab, PresenceStatus.Away, CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal("away", Entries(cut).Single().Status), Wait);

        // With the other tab gone, this tab's activity alone brings her back.
        await presence.LeaveAsync("lobby", otherTab, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal("away", Assert.Single(await presence.GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait)).Status);
        await cut.InvokeAsync(() => cut.Instance.ReportStatus("online")).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal("online", Entries(cut).Single().Status), Wait);
    }

    [Fact]
    public async Task StartsIdleWatcher_WithTwoMinutes()
    {
        var cut = await RenderPresenceAsync();

        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "watch"), Wait);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "import" && Equals(i.Arguments[0], "./js/presence/idle.mjs"));
    }
}
