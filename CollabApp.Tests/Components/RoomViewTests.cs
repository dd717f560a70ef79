using Bunit;
using CollabApp.Components.Rooms;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

public class RoomViewTests : RoomComponentTest
{
    public RoomViewTests()
    {
        Services.AddSingleton(sp => new SwitchableRoomEventBus(sp.GetRequiredService<InMemoryRoomEventBus>()));
        Services.AddSingleton<IRoomEventBus>(sp => sp.GetRequiredService<SwitchableRoomEventBus>());
    }

    [Fact]
    public async Task RendersFourPanels_AndDisposingReleasesSubscriptionAndPresence()
    {
        var fanout = Get<RoomFanout>();
        var before = fanout.SubscriberCount;

        var cut = Render<RoomView>(p => p.Add(c => c.Room, Lobby).Add(c => c.User, Alice));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live"));
            Assert.Single(cut.FindAll("[role=log][aria-label=Chat]"));
            Assert.Single(cut.FindAll("aside[aria-label=\"Who's online\"]"));
            Assert.Single(cut.FindAll("ul[aria-label=\"To-do list\"]"));
            Assert.Single(cut.FindAll("textarea[aria-label=Document]"));
            Assert.Single(cut.FindAll("[data-testid=presence-entry]"));
        }, Wait);
        Assert.Equal(before + 1, fanout.SubscriberCount);

        await DisposeComponentsAsync().WaitAsync(Wait);

        Assert.Equal(before, fanout.SubscriberCount);
        Assert.Empty(await Get<PresenceService>().GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task CircuitReconnect_RestartsFromLastEvent_WithoutDuplicatesOrGaps()
    {
        var cut = Render<RoomView>(p => p.Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live")), Wait);
        var chat = Get<ChatService>();
        await chat.SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "before", CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=chat-message]")), Wait);

        var circuit = Get<CircuitConnectionEvents>();
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None).WaitAsync(Wait);
        await chat.SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "during", CancellationToken.None).WaitAsync(Wait);
        await circuit.OnConnectionUpAsync(null!, CancellationToken.None).WaitAsync(Wait);
        await chat.SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "after", CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["before", "during", "after"], cut.FindAll("[data-testid=chat-message] .collab-chat-text").Select(e => e.TextContent));
            Assert.Equal(1, Get<RoomFanout>().SubscriberCount);
        }, Wait);
    }

    [Fact]
    public async Task CircuitReconnect_WhilePresenceCannotBeResumed_KeepsTheCircuit_AndTheRoomGoesOn()
    {
        // Thrown out of the circuit's handler, the store's failure would end the circuit just as the browser came back.
        var cut = Render<RoomView>(p => p.Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live")), Wait);
        var chat = Get<ChatService>();
        var circuit = Get<CircuitConnectionEvents>();
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None).WaitAsync(Wait);
        await chat.SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "during", CancellationToken.None).WaitAsync(Wait);

        Get<SwitchableRoomEventBus>().FailPublishes = CollabError.Unavailable("the real-time store is unreachable.");
        await circuit.OnConnectionUpAsync(null!, CancellationToken.None).WaitAsync(Wait);
        Get<SwitchableRoomEventBus>().FailPublishes = null;
        await chat.SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "after", CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() =>
            Assert.Equal(["during", "after"], cut.FindAll("[data-testid=chat-message] .collab-chat-text").Select(e => e.TextContent)), Wait);
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public void BackplaneDown_SaysReconnecting_AndLiveAgainWhenItIsBack()
    {
        var cut = Render<RoomView>(p => p.Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live")), Wait);
        var backplane = Get<BackplaneStatus>();

        backplane.ReportDown();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("false", cut.Find("[data-testid=room]").GetAttribute("data-live"));
            var notice = cut.Find("[data-testid=room-reconnecting]");
            Assert.Equal("status", notice.GetAttribute("role"));
            Assert.Contains("Reconnecting", notice.TextContent, StringComparison.Ordinal);
        }, Wait);

        backplane.ReportUp();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live"));
            Assert.Empty(cut.FindAll("[data-testid=room-reconnecting]"));
        }, Wait);
    }

    [Fact]
    public async Task JoinWhileTheStoreIsDown_SaysReconnecting_ThenJoinsByItself_WithOnePresence()
    {
        EventLog.FailReads = CollabError.Unavailable("the real-time store is unreachable.");

        var cut = Render<RoomView>(p => p.Add(c => c.Room, Lobby).Add(c => c.User, Alice));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("false", cut.Find("[data-testid=room]").GetAttribute("data-live"));
            Assert.Single(cut.FindAll("[data-testid=room-reconnecting]"));
            Assert.Empty(cut.FindAll(".mud-alert-text-error"));
        }, Wait);

        EventLog.FailReads = null;
        await Get<ChatService>().SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "while away", CancellationToken.None).WaitAsync(Wait);
        // The retry waits on the test's clock: move it on until the page has joined.
        await CollabApp.Tests.Hosting.Eventually.UntilAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(2));
            return cut.Find("[data-testid=room]").GetAttribute("data-live") == "true";
        }, "the room page to join once the store is back");
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=room-reconnecting]"));
            Assert.Equal(["while away"], cut.FindAll("[data-testid=chat-message] .collab-chat-text").Select(e => e.TextContent));
        }, Wait);
        var online = await Get<PresenceService>().GetOnlineAsync("lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(1, Assert.Single(online).Connections);
    }
}
