using Bunit;
using CollabApp.Components.Rooms;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CollabApp.Tests.Components;

/// <summary>The room page when the room changes under it: renamed, its user removed, deleted; and its Members button.</summary>
public sealed class RoomViewMembershipTests : RoomComponentTest
{
    private static readonly RoomInfo Den = new("den", "The den", true, Bob.UserId);

    public RoomViewMembershipTests()
    {
        Directory.Save(Den, Alice.UserId);
        Rooms = new SwitchableRoomDirectory(Directory);
        Services.AddSingleton<IRoomDirectory>(Rooms);
        Services.AddSingleton<IRoomAdministration>(new TestRoomAdministration(Den, Bob, Alice));
    }

    /// <summary>The directory the rights are checked in (its reads can be made to fail).</summary>
    private SwitchableRoomDirectory Rooms { get; }

    [Fact]
    public async Task RemovedFromAPrivateRoom_LeavesIt_AndGoesBackToTheRoomList()
    {
        var fanout = Get<RoomFanout>();
        RenderLive(Den);
        Assert.Equal(1, fanout.SubscriberCount);

        Directory.RemoveMember("den", Alice.UserId);
        await DeliverAsync(RoomChangeEventTypes.MemberRemoved, new MemberChange("den", Alice.UserId, Alice.UserName, Alice.DisplayName));

        await BackAtTheRoomListAsync();
        Assert.Equal(0, fanout.SubscriberCount);
        Assert.Empty(await Get<PresenceService>().GetOnlineAsync("den", CancellationToken.None).WaitAsync(Wait));
        Assert.Contains(Get<ISnackbar>().ShownSnackbars, s => s.Message == "You are no longer a member of “The den”.");
    }

    [Fact]
    public async Task RemovedWhileTheBrowserIsAway_GoesBackToTheRoomListWhenItReturns()
    {
        // A navigation sent while the browser is away cannot reach it, and its failure would end the circuit.
        var cut = RenderLive(Den);
        var circuit = Get<CircuitConnectionEvents>();
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None).WaitAsync(Wait);

        Directory.RemoveMember("den", Alice.UserId);
        await DeliverAsync(RoomChangeEventTypes.MemberRemoved, new MemberChange("den", Alice.UserId, Alice.UserName, Alice.DisplayName));
        await CollabApp.Tests.Hosting.Eventually.UntilAsync(
            () => Get<ISnackbar>().ShownSnackbars.Any(s => s.Message == "You are no longer a member of “The den”."), "the notice", Wait);
        Assert.False(Get<NavigationManager>().Uri.EndsWith("/rooms", StringComparison.Ordinal), "no navigation while the browser is away");

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None).WaitAsync(Wait);

        await BackAtTheRoomListAsync();
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task SomeoneElseRemoved_OrMeFromAPublicRoom_TheRoomGoesOn()
    {
        var cut = RenderLive(Lobby);

        await DeliverAsync(RoomChangeEventTypes.MemberRemoved, new MemberChange("lobby", Alice.UserId, Alice.UserName, Alice.DisplayName), "lobby");
        await Get<ChatService>().SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "still here", CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=chat-message]")), Wait);
        Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live"));
        Assert.DoesNotContain("/rooms", Get<NavigationManager>().Uri.Replace("/rooms/", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRightsCheckFailing_SaysReconnecting_ThenTheRoomGoesOnOnceTheDatabaseAnswers()
    {
        var cut = RenderLive(Den);
        Rooms.FailReads = CollabError.Unavailable("a backing store is unreachable; nothing was changed, try again.");

        // Removed and added again at once, say: only the directory can tell, and it cannot now.
        await DeliverAsync(RoomChangeEventTypes.MemberRemoved, new MemberChange("den", Alice.UserId, Alice.UserName, Alice.DisplayName));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("false", cut.Find("[data-testid=room]").GetAttribute("data-live"));
            Assert.Single(cut.FindAll("[data-testid=room-reconnecting]"));
        }, Wait);
        Rooms.FailReads = null;
        // The retry waits on the test's clock: move it on until the page is live again.
        await CollabApp.Tests.Hosting.Eventually.UntilAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(2));
            return cut.Find("[data-testid=room]").GetAttribute("data-live") == "true";
        }, "the room page to be live again once the database answers", Wait);
        await Get<ChatService>().SendAsync(Bob, "den", Guid.NewGuid().ToString(), "still here", CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.Equal(["still here"], cut.FindAll("[data-testid=chat-message] .collab-chat-text").Select(e => e.TextContent)), Wait);
        Assert.False(Get<NavigationManager>().Uri.EndsWith("/rooms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRightsCheckFailing_ThenSayingRemoved_LeavesTheRoom()
    {
        var fanout = Get<RoomFanout>();
        var cut = RenderLive(Den);
        Rooms.FailReads = new TimeoutException("the database did not answer.");
        Directory.RemoveMember("den", Alice.UserId);

        await DeliverAsync(RoomChangeEventTypes.MemberRemoved, new MemberChange("den", Alice.UserId, Alice.UserName, Alice.DisplayName));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=room-reconnecting]")), Wait);
        Rooms.FailReads = null;
        await CollabApp.Tests.Hosting.Eventually.UntilAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(2));
            return Get<NavigationManager>().Uri.EndsWith("/rooms", StringComparison.Ordinal);
        }, "the room list once the database answers", Wait);
        Assert.Equal(0, fanout.SubscriberCount);
        Assert.Empty(await Get<PresenceService>().GetOnlineAsync("den", CancellationToken.None).WaitAsync(Wait));
        Assert.Contains(Get<ISnackbar>().ShownSnackbars, s => s.Message == "You are no longer a member of “The den”.");
    }

    [Fact]
    public async Task Deleted_GoesBackToTheRoomList_SayingWhy()
    {
        RenderLive(Den);
        Directory.Remove("den");

        await DeliverAsync(RoomChangeEventTypes.RoomDeleted, new RoomDeleted("den"));

        await BackAtTheRoomListAsync();
        Assert.Contains(Get<ISnackbar>().ShownSnackbars, s => s.Message == "The room “The den” was deleted.");
    }

    [Fact]
    public async Task Renamed_TellsThePage()
    {
        string? renamedTo = null;
        var cut = Render<RoomView>(p => p.Add(c => c.Room, Den).Add(c => c.User, Alice).Add(c => c.OnRenamed, name => renamedTo = name));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live")), Wait);

        await DeliverAsync(RoomChangeEventTypes.RoomRenamed, new RoomRenamed("den", "Our den"));

        await CollabApp.Tests.Hosting.Eventually.UntilAsync(() => renamedTo == "Our den", "the page to hear the new name", Wait);
    }

    /// <summary>
    /// Issue 13: the buttons an idle room page always shows are MudButton's markup on plain elements, not components held
    /// by every open circuit (the editor's Undo and Redo, shown once it is attached: DocumentEditorTests).
    /// </summary>
    [Fact]
    public void TheButtonsAlwaysShown_AreNotComponents()
    {
        var cut = Render<RoomView>(p => p.Add(c => c.Room, Den).Add(c => c.User, Alice));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live")), Wait);

        Assert.Single(Buttons(cut, "Members"));
        Assert.Single(Buttons(cut, "Send"));
        Assert.Single(Buttons(cut, "Add"));
        Assert.Empty(cut.FindComponents<MudButton>());
    }

    /// <summary>The room view brings its own dialog provider: the layout has none (issue 13).</summary>
    [Fact]
    public void MembersButton_OpensTheMembersDialog()
    {
        var cut = Render<RoomView>(p => p.Add(c => c.Room, Den).Add(c => c.User, Alice));

        Assert.Single(Buttons(cut, "Members")).Click();

        cut.WaitForAssertion(() => Assert.Equal(["Bob", "Alice"], cut.FindAll("ul[aria-label=\"Member list\"] .collab-member-name").Select(e => e.TextContent)), Wait);
        Assert.Single(Buttons(cut, "Leave room"));
    }

    // Navigating renders nothing in the component under test, so this polls rather than waiting for a render.
    private Task BackAtTheRoomListAsync() =>
        CollabApp.Tests.Hosting.Eventually.UntilAsync(() => Get<NavigationManager>().Uri.EndsWith("/rooms", StringComparison.Ordinal), "the room list", Wait);

    private IRenderedComponent<RoomView> RenderLive(RoomInfo room)
    {
        var cut = Render<RoomView>(p => p.Add(c => c.Room, room).Add(c => c.User, Alice));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=room]").GetAttribute("data-live")), Wait);
        return cut;
    }

    private Task DeliverAsync(string type, object data, string roomId = "den") =>
        Get<RoomFanout>().DeliverLocalAsync(RoomEvents.Transient(roomId, type, Clock.GetUtcNow(), data)).AsTask().WaitAsync(Wait);
}
