using Bunit;
using Bunit.Rendering;
using CollabApp.Components.Members;
using CollabApp.Core.Rooms;
using CollabApp.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CollabApp.Tests.Components;

public sealed class MembersDialogTests : RoomComponentTest
{
    private static readonly CollabUser Carol = new("u-carol", "carol", "Carol Jones");
    private static readonly RoomInfo Den = new("den", "The den", true, Alice.UserId);

    private readonly TestRoomAdministration _rooms = new(Den, Alice, Bob);

    public MembersDialogTests()
    {
        Services.AddSingleton<IRoomAdministration>(_rooms);
        _rooms.AddAccount(Carol);
    }

    [Fact]
    public async Task OwnerView_ListsDisplayNames_MarksTheOwner_OffersEveryAction()
    {
        var (cut, _) = await OpenAsync(Den, Alice);

        cut.WaitForAssertion(() => Assert.Equal(["Alice owner", "Bob"], Members(cut)), Wait);
        Assert.Single(Buttons(cut, "Remove Bob"));
        Assert.Empty(Buttons(cut, "Remove Alice"));
        Assert.Single(Buttons(cut, "Add member"));
        Assert.Single(Buttons(cut, "Save"));
        Assert.Single(Buttons(cut, "Delete room"));
        Assert.Empty(Buttons(cut, "Leave room"));
        Assert.Equal("The den", Field(cut, "Room name").GetAttribute("value"));
        Assert.Single(cut.FindAll("[aria-label=Members]"));
    }

    [Fact]
    public async Task Owner_AddsAndRemoves_TheListFollows_AndARefusalIsShown()
    {
        var (cut, _) = await OpenAsync(Den, Alice);
        cut.WaitForAssertion(() => Assert.Equal(2, Members(cut).Length), Wait);

        Field(cut, "User name").Input("carol");
        Click(cut, "Add member");
        cut.WaitForAssertion(() => Assert.Equal(["Alice owner", "Bob", "Carol Jones"], Members(cut)), Wait);

        Click(cut, "Remove Bob");
        cut.WaitForAssertion(() => Assert.Equal(["Alice owner", "Carol Jones"], Members(cut)), Wait);

        Field(cut, "User name").Input("nobody");
        Click(cut, "Add member");
        cut.WaitForAssertion(() => Assert.Equal("There is no user 'nobody'.", cut.Find("[role=alert]").TextContent.Trim()), Wait);
        Assert.Equal(["add carol", "remove bob", "add nobody"], _rooms.Calls);
    }

    [Fact]
    public async Task Owner_Renames()
    {
        var (cut, _) = await OpenAsync(Den, Alice);
        cut.WaitForAssertion(() => Assert.Equal(2, Members(cut).Length), Wait);

        Field(cut, "Room name").Input("  Our den ");
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Equal("Our den", _rooms.Room.Name), Wait);
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task MemberView_OfAPrivateRoom_OffersOnlyLeave_WhichClosesWithLeft()
    {
        var (cut, dialog) = await OpenAsync(Den, Bob);
        cut.WaitForAssertion(() => Assert.Equal(["Alice owner", "Bob"], Members(cut)), Wait);

        Assert.Empty(Buttons(cut, "Remove Bob"));
        Assert.Empty(Buttons(cut, "Add member"));
        Assert.Empty(Buttons(cut, "Delete room"));
        Assert.DoesNotContain(cut.FindAll("label"), l => l.TextContent.Trim() is "User name" or "Room name");

        Click(cut, "Leave room");

        var result = await dialog.Result.WaitAsync(Wait);
        Assert.Equal(MembersDialogResult.Left, result!.Data);
        Assert.Equal(["remove bob"], _rooms.Calls);
    }

    [Fact]
    public async Task PublicRoom_SaysSo_AndOffersNoLeave()
    {
        var square = new RoomInfo("square", "Square", false, Alice.UserId);
        var (cut, _) = await OpenAsync(square, Bob);

        cut.WaitForAssertion(() => Assert.Contains("everyone can enter it", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(Buttons(cut, "Leave room"));
    }

    [Fact]
    public async Task DeleteRoom_AsksFirst_CancelKeepsIt_DeleteClosesWithDeleted()
    {
        var (cut, dialog) = await OpenAsync(Den, Alice);
        cut.WaitForAssertion(() => Assert.Equal(2, Members(cut).Length), Wait);

        Click(cut, "Delete room");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label=\"Delete room\"]")), Wait);
        Assert.Contains("Delete “The den” for everyone?", cut.Markup, StringComparison.Ordinal);
        Click(cut, "Cancel");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[aria-label=\"Delete room\"]")), Wait);
        Assert.False(_rooms.Deleted);

        Click(cut, "Delete room");
        cut.WaitForAssertion(() => Assert.Single(Buttons(cut, "Delete")), Wait);
        Click(cut, "Delete");

        var result = await dialog.Result.WaitAsync(Wait);
        Assert.Equal(MembersDialogResult.Deleted, result!.Data);
        Assert.True(_rooms.Deleted);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Cut, IDialogReference Dialog)> OpenAsync(RoomInfo room, CollabUser user)
    {
        var cut = Render<MudDialogProvider>();
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await Get<IDialogService>().ShowAsync<MembersDialog>("Members", new DialogParameters<MembersDialog>
        {
            { d => d.Room, room },
            { d => d.User, user },
        }));
        return (cut, dialog!);
    }

    private static string[] Members(IRenderedComponent<MudDialogProvider> cut) =>
        [.. cut.FindAll("ul[aria-label=\"Member list\"] > li").Select(li =>
            li.QuerySelector(".collab-member-name")!.TextContent + (li.QuerySelector(".collab-member-owner") is { } owner ? " " + owner.TextContent : ""))];

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<MudDialogProvider> cut, string label)
    {
        var id = cut.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"input[id='{id}']");
    }

    // MudDialog renders again right after it opens (new handler ids): a click between the two renders is retried.
    private static void Click(IRenderedComponent<MudDialogProvider> cut, string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Assert.Single(Buttons(cut, name)).Click();
                return;
            }
            catch (UnknownEventHandlerIdException) when (attempt < 5)
            {
            }
        }
    }
}
