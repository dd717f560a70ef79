using CollabApp.E2E.Pages;
using Microsoft.Playwright;

namespace CollabApp.E2E.Infrastructure;

/// <summary>One person: a user name, a browser context (their cookies), its first tab and its console.</summary>
public sealed class User(string name, IBrowserContext context, IPage page, BrowserLog log)
{
    public string Name { get; } = name;

    public IBrowserContext Context { get; } = context;

    /// <summary>What the context's tabs wrote to their consoles, for a failure's message.</summary>
    public BrowserLog Log { get; } = log;

    /// <summary>The first tab.</summary>
    public IPage Page { get; } = page;

    public AccountPages Account => new(Page);

    public RoomsPage Rooms => new(Page);

    /// <summary>Registers through the UI (which signs in and lands on /rooms).</summary>
    public Task RegisterAsync() => Account.RegisterAsync(Name, Names.Password, displayName: $"Display {Name}");

    /// <summary>Another tab of the same person (same cookies).</summary>
    public Task<IPage> NewTabAsync() => Context.NewPageAsync();

    /// <summary>Opens a room in the first tab, interactive.</summary>
    public Task<RoomPage> OpenRoomAsync(string roomId, string roomName) => RoomPage.OpenAsync(Page, roomId, roomName);
}
