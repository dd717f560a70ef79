using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// nginx picks a browser's instance by a hash of its random <c>collab_node</c> cookie (eng/nginx): a test that needs two
/// people on different instances behind it draws new cookies for one of them until they land elsewhere.
/// </summary>
public static class StickyInstance
{
    /// <summary>Moves <paramref name="user"/> off the instance whose footer reads <paramref name="instance"/> (reloading their page).</summary>
    public static async Task MoveOffAsync(User user, string instance)
    {
        var footer = user.Page.GetByTestId("instance");
        for (var attempt = 0; attempt < 30 && await footer.TextContentAsync() == instance; attempt++)
        {
            var url = new Uri(user.Page.Url);
            await user.Context.AddCookiesAsync([new Cookie { Name = "collab_node", Value = Guid.NewGuid().ToString("N"), Domain = url.Host, Path = "/" }]);
            await user.Page.ReloadAsync();
        }
        await Expect(footer).Not.ToHaveTextAsync(instance);
    }
}
