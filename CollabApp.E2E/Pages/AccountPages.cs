using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Pages;

/// <summary>/account/register and /account/login: static server-rendered forms (no circuit needed).</summary>
public sealed partial class AccountPages(IPage page)
{
    public async Task RegisterAsync(string userName, string password, string? displayName = null)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        if (displayName is not null)
        {
            await page.GetByLabel("Display name", new() { Exact = true }).FillAsync(displayName);
        }
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RoomsUrl());
    }

    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RoomsUrl());
    }

    /// <summary>The app bar's "Sign out" (a plain form post, so it works before the circuit is up).</summary>
    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl());
    }

    [GeneratedRegex(@"/rooms$")]
    private static partial Regex RoomsUrl();

    [GeneratedRegex(@"/account/login(\?.*)?$")]
    private static partial Regex LoginUrl();
}
