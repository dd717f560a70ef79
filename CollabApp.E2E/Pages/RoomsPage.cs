using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Pages;

/// <summary>/rooms: the user's room list and the "New room" form.</summary>
public sealed class RoomsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Rooms", Exact = true, Level = 1 });

    /// <summary>The links of "Your rooms", one per room the user may join.</summary>
    public ILocator RoomLinks => page.GetByRole(AriaRole.List, new() { Name = "Rooms", Exact = true }).GetByRole(AriaRole.Link);

    public ILocator Link(string roomName) => RoomLinks.GetByText(roomName, new() { Exact = true });

    /// <summary>Opens /rooms and waits until it is interactive.</summary>
    public async Task GotoAsync()
    {
        await page.GotoAsync("/rooms");
        await Interactivity.WaitAsync(page);
    }

    /// <summary>Creates a room through the form; the app then opens it.</summary>
    public async Task CreateRoomAsync(string roomId, string roomName, bool isPrivate)
    {
        await Interactivity.WaitAsync(page);
        await page.GetByLabel("Room id", new() { Exact = true }).FillAsync(roomId);
        await page.GetByLabel("Room name", new() { Exact = true }).FillAsync(roomName);
        var privateBox = page.GetByRole(AriaRole.Checkbox, new() { Name = "Private", Exact = true });
        await privateBox.SetCheckedAsync(isPrivate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create room", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/rooms/{Regex.Escape(roomId)}$"));
        // Set by the circuit (DocumentTitle): the head is not a component.
        await Expect(page).ToHaveTitleAsync(roomName);
    }
}
