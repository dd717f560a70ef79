using CollabApp.E2E.Infrastructure;
using CollabApp.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Rooms;

/// <summary>Issue 15, deliverable 7: a room on a phone-width screen, and from the keyboard.</summary>
public sealed class PhoneAndKeyboardTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public Task OnAPhoneWidthScreen_NothingSitsOverTheDocument() => fixture.RunAsync(async scenario =>
    {
        var (alice, _) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        await alice.Page.SetViewportSizeAsync(390, 844);
        await alice.Document.ScrollIntoViewIfNeededAsync();

        var footer = await alice.Page.GetByTestId("instance").BoundingBoxAsync();
        var document = await alice.Document.BoundingBoxAsync();
        Assert.NotNull(footer);
        Assert.NotNull(document);
        var overlaps = footer.X < document.X + document.Width && document.X < footer.X + footer.Width
            && footer.Y < document.Y + document.Height && document.Y < footer.Y + footer.Height;
        Assert.False(overlaps, $"the footer {footer.X},{footer.Y} {footer.Width}x{footer.Height} covers the document {document.X},{document.Y} {document.Width}x{document.Height}");
        // Nothing wider than the screen either.
        Assert.True(await alice.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    });

    [Fact]
    public Task TheFirstTab_OffersASkipLink_ToTheMainContent() => fixture.RunAsync(async scenario =>
    {
        var (alice, _) = await RoomScenarios.TwoUsersInNewRoomAsync(scenario);
        // Where a keyboard starts on a fresh page: the top of the document (the router focuses the heading after a
        // navigation, so the start is set by hand).
        await alice.Page.EvaluateAsync("() => { const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); }");

        await alice.Page.Keyboard.PressAsync("Tab");

        var skip = alice.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content", Exact = true });
        await Expect(skip).ToBeFocusedAsync();
        await alice.Page.Keyboard.PressAsync("Enter");
        await Expect(alice.Page.Locator("main#main-content")).ToBeFocusedAsync();
        await Expect(alice.Page.Locator("main#main-content").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    });
}
