using System.Security.Claims;
using Bunit;
using CollabApp.Components.Rooms;
using CollabApp.Core.Chat;
using CollabApp.Core.Protection;
using CollabApp.Hosting;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Rooms;
using CollabApp.Tests.Components.Support;
using CollabApp.Tests.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabApp.Tests.Components;

/// <summary>/rooms: the room list and the new-room form, on the embedded database.</summary>
public sealed class RoomsPageTests : RoomComponentTest, IClassFixture<SqliteStoreDatabase>
{
    public RoomsPageTests(SqliteStoreDatabase database)
    {
        Database = database;
        Services.AddSingleton<IDbContextFactory<CollabDbContext>>(Contexts = new SwitchableContexts(database.Contexts));
        Services.AddSingleton(Options.Create(new LimitsOptions()));
        Services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<InMemoryRateLimiter>());
        Services.AddSingleton<RoomCatalog>();
        Services.AddSingleton<RoomActivity>();
        Services.AddSingleton<RoomCreationThrottle>();
        AddAuthorization().SetAuthorized(Alice.UserName).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, Alice.UserId), new Claim(ClaimTypes.Name, Alice.UserName));
        // In a circuit, as the page runs (its title is then a call to the browser, not a component).
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private SqliteStoreDatabase Database { get; }

    private SwitchableContexts Contexts { get; }

    [Fact]
    public void TheDatabaseDown_SaysSoWithARetry_WhichListsTheRoomsOnceItIsBack()
    {
        // Thrown from the page's start, the outage would end the circuit: the tab would freeze on the previous page.
        Contexts.Failure = CollabApp.Core.CollabError.Unavailable("the database is unreachable.");

        var cut = Render<RoomsPage>();

        cut.WaitForAssertion(() => Assert.Contains("cannot be listed right now", cut.Find("[data-testid=rooms-unavailable]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("alert", cut.Find("[data-testid=rooms-unavailable]").GetAttribute("role"));
        Assert.Empty(cut.FindAll("[aria-label=Rooms] li"));
        Contexts.Failure = null;
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Try again").Click();
        Loaded(cut);
        Assert.Empty(cut.FindAll("[data-testid=rooms-unavailable]"));
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task ListsTheRooms_WithTheUnreadCountOfAnOpenedRoom()
    {
        await Get<ReadMarkerService>().OpenAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        await Get<ChatService>().SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "hello", CancellationToken.None).WaitAsync(Wait);

        var cut = Render<RoomsPage>();

        var lobby = Loaded(cut);
        Assert.Equal("Lobby", lobby.QuerySelector("a")!.TextContent);
        Assert.Equal("1 unread", lobby.QuerySelector("[data-testid=room-unread]")!.TextContent);
        Assert.Equal("Rooms", cut.Find("h1").TextContent);
    }

    [Fact]
    public async Task TheForm_CreatesAPrivateRoom_AndOpensIt()
    {
        var cut = Render<RoomsPage>();
        Loaded(cut);

        var roomId = "den-" + Guid.NewGuid().ToString("N")[..8];
        Field(cut, "Room id").Input(roomId);
        Field(cut, "Room name").Input("The den");
        Field(cut, "Private").Change(true);
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/rooms/" + roomId, Get<NavigationManager>().Uri, StringComparison.Ordinal), Wait);
        Assert.Equal(1, await Database.CountAsync<RoomEntity>(r => r.RoomId == roomId && r.Name == "The den" && r.IsPrivate));
    }

    [Fact]
    public void ARefusedId_IsExplained_AndTheFieldKeepsItsValue()
    {
        var cut = Render<RoomsPage>();
        Loaded(cut);

        Field(cut, "Room id").Input("Not an id");
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Equal("The room id must be 1-64 characters of a-z, 0-9 and '-'.", cut.Find("[role=alert]").TextContent.Trim()), Wait);
        Assert.Equal("Not an id", Field(cut, "Room id").GetAttribute("value"));
        // MudBlazor's class that keeps a label small above a field with a value, as MudTextField sets it.
        Assert.Contains("mud-shrink", Field(cut, "Room id").ParentElement!.ClassList);
        Assert.DoesNotContain("mud-shrink", Field(cut, "Room name").ParentElement!.ClassList);
        Assert.EndsWith("/", Get<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 13: every component on the page is held by each open circuit for as long as the page is open (its
    /// render-tree buffers and parameter state), so the list and the form are plain elements with MudBlazor's classes:
    /// below the page, only its title, which in a circuit renders nothing.
    /// </summary>
    [Fact]
    public void TheLoadedPage_RendersFewComponents()
    {
        var cut = Render<RoomsPage>();
        Loaded(cut);

        Assert.Equal(["DocumentTitle"], cut.FindComponents<IComponent>().Select(c => c.Instance.GetType().Name));
    }

    /// <summary>The lobby's row, once the list has loaded (the tests share one database, so other rooms may be listed).</summary>
    private static AngleSharp.Dom.IElement Loaded(IRenderedComponent<RoomsPage> cut)
    {
        AngleSharp.Dom.IElement? lobby = null;
        cut.WaitForAssertion(() => lobby = Assert.Single(cut.FindAll("[aria-label=Rooms] li"), li => li.QuerySelector("a")?.GetAttribute("href") == "/rooms/lobby"), Wait);
        return lobby!;
    }

    /// <summary>The input a label names (its <c>for</c>), or the one it wraps.</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<RoomsPage> cut, string label)
    {
        var element = cut.FindAll("label").Single(l => l.TextContent.Trim() == label);
        return element.GetAttribute("for") is { } id ? cut.Find("#" + id) : element.QuerySelector("input")!;
    }
}
