using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Pages;

/// <summary>
/// The pages are prerendered: a click before the Blazor circuit is up is lost. The app renders no
/// "interactive" marker of its own, so this uses one the framework leaves: the router's
/// <c>FocusOnNavigate Selector="h1"</c> runs only after an interactive render (OnAfterRender never runs
/// while prerendering) and, to focus the heading, gives it <c>tabindex="-1"</c>. That attribute on the
/// page's h1 therefore means the circuit has rendered the page and its event handlers are attached.
/// It is reliable only on pages whose h1 is in their first render (/rooms); pages that load data before
/// showing their heading (/rooms/{id}) are reached by navigating inside a live circuit instead.
/// </summary>
public static class Interactivity
{
    public static Task WaitAsync(IPage page) =>
        Expect(page.Locator("h1")).ToHaveAttributeAsync("tabindex", "-1");

    /// <summary>Client-side navigation in the page's live circuit (no new prerender).</summary>
    public static Task NavigateInCircuitAsync(IPage page, string path) =>
        page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
}
