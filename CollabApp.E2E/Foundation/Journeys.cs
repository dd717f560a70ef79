using System.Text.RegularExpressions;
using CollabApp.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Foundation;

/// <summary>Walks through the app the same way in every mode and topology.</summary>
public static partial class Journeys
{
    /// <summary>Register (signed in, on /rooms), sign out, sign in again, open the lobby.</summary>
    public static async Task RegisterSignOutSignInOpenLobbyAsync(Scenario scenario)
    {
        var alice = await scenario.NewUserAsync();
        await alice.RegisterAsync();
        await Expect(alice.Rooms.Heading).ToBeVisibleAsync();
        // The app bar names people by their display name, with the user name as its tooltip.
        var signedInAs = alice.Page.GetByTestId("signed-in-as");
        await Expect(signedInAs).ToHaveTextAsync($"Display {alice.Name}");
        await Expect(signedInAs).ToHaveAttributeAsync("title", alice.Name);

        // Signing out from the interactive page (as a person would, after it loaded) also proves that the
        // layout's form carries a valid antiforgery token once the circuit has re-rendered it.
        await Pages.Interactivity.WaitAsync(alice.Page);
        await alice.Account.SignOutAsync();
        await alice.Page.GotoAsync("/rooms");
        await Expect(alice.Page).ToHaveURLAsync(LoginUrl());

        await alice.Account.SignInAsync(alice.Name, Names.Password);
        await OpenLobbyFromListAsync(alice);
    }

    /// <summary>From /rooms, a click on the "Lobby" link opens /rooms/lobby.</summary>
    public static async Task OpenLobbyFromListAsync(User user)
    {
        await user.Rooms.GotoAsync();
        await user.Rooms.Link("Lobby").ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(LobbyUrl());
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Lobby", Exact = true, Level = 1 })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/account/login\?returnUrl=%2Frooms$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"/rooms/lobby$")]
    private static partial Regex LobbyUrl();
}
