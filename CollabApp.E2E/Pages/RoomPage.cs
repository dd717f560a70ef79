using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Pages;

/// <summary>/rooms/{id}: chat, who's online, to-dos and the shared document, by their accessible names.</summary>
public sealed class RoomPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator NoAccess => Page.GetByRole(AriaRole.Heading, new() { Name = "No access", Exact = true });

    // Chat
    public ILocator Chat => Page.GetByRole(AriaRole.Log, new() { Name = "Chat", Exact = true });

    public ILocator ChatMessages => Chat.Locator("article[data-testid=chat-message]");

    public ILocator MessageBox => Page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    public ILocator SendButton => Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    // Who's online
    public ILocator Online => Page.GetByRole(AriaRole.Complementary, new() { Name = "Who's online", Exact = true });

    public ILocator PresenceEntry(string userName) => Online.Locator($"li[data-testid=presence-entry][data-user=\"{userName}\"]");

    // To-dos
    public ILocator NewTaskBox => Page.GetByRole(AriaRole.Textbox, new() { Name = "New task", Exact = true });

    public ILocator AddButton => Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true });

    public ILocator TodoList => Page.GetByRole(AriaRole.List, new() { Name = "To-do list", Exact = true });

    public ILocator TodoItems => TodoList.Locator("li[data-testid=todo-item]");

    public ILocator TodoCheckbox(string title) => TodoList.GetByRole(AriaRole.Checkbox, new() { Name = title, Exact = true });

    /// <summary>A to-do row's button by its accessible name ("Move One up", "Delete One").</summary>
    public ILocator TodoButton(string name) => TodoList.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator EditButton(string title) => Page.GetByRole(AriaRole.Button, new() { Name = $"Edit {title}", Exact = true });

    public ILocator TitleBox => Page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true });

    public ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public ILocator ConflictDialog => Page.GetByRole(AriaRole.Dialog, new() { Name = "Edit conflict", Exact = true });

    public ILocator ConflictButton(string name) => ConflictDialog.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    // Members
    public ILocator MembersButton => Page.GetByRole(AriaRole.Button, new() { Name = "Members", Exact = true });

    public ILocator MembersDialog => Page.GetByRole(AriaRole.Dialog, new() { Name = "Members", Exact = true });

    public ILocator Members => MembersDialog.GetByRole(AriaRole.List, new() { Name = "Member list", Exact = true }).GetByRole(AriaRole.Listitem);

    public ILocator MembersDialogButton(string name) => MembersDialog.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The owner adds someone through the Members dialog (opening it when closed).</summary>
    public async Task AddMemberAsync(string userName, string displayName)
    {
        if (!await MembersDialog.IsVisibleAsync())
        {
            await MembersButton.ClickAsync();
        }
        await MembersDialog.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await MembersDialogButton("Add member").ClickAsync();
        await Expect(Members.Filter(new() { HasText = displayName })).ToHaveCountAsync(1);
    }

    // Document
    public ILocator Document => Page.GetByRole(AriaRole.Textbox, new() { Name = "Document", Exact = true });

    public ILocator EditorStatus => Page.Locator("[data-testid=editor-status]");

    /// <summary>
    /// Opens a room ready for interaction: /rooms first (interactive, see <see cref="Interactivity"/>),
    /// then a client-side navigation in that circuit, so the room page renders interactively from the start.
    /// </summary>
    public static async Task<RoomPage> OpenAsync(IPage page, string roomId, string roomName)
    {
        await new RoomsPage(page).GotoAsync();
        await Interactivity.NavigateInCircuitAsync(page, $"/rooms/{roomId}");
        await Expect(page).ToHaveURLAsync(new Regex($"/rooms/{Regex.Escape(roomId)}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = roomName, Exact = true, Level = 1 })).ToBeVisibleAsync();
        // The room view marks itself live once it has joined and loaded the room's state.
        await Expect(page.Locator("[data-testid=room][data-live=true]")).ToBeVisibleAsync();
        return new RoomPage(page);
    }

    public async Task SendAsync(string text)
    {
        await MessageBox.FillAsync(text);
        await SendButton.ClickAsync();
    }

    public async Task AddTodoAsync(string title)
    {
        await NewTaskBox.FillAsync(title);
        await AddButton.ClickAsync();
        await Expect(TodoCheckbox(title)).ToBeVisibleAsync();
    }

    /// <summary>Opens the inline editor of a to-do and types a new title, without saving.</summary>
    public async Task StartEditAsync(string title, string newTitle)
    {
        await EditButton(title).ClickAsync();
        await TitleBox.FillAsync(newTitle);
    }
}
