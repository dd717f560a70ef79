using System.Security.Claims;
using Bunit;
using CollabApp.Components.Layout;
using CollabApp.Core.Rooms;
using CollabApp.Hosting;
using CollabApp.Observability;
using CollabApp.Tests.Components.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>The layout around every interactive page: the app bar and the main content.</summary>
public sealed class MainLayoutTests : RoomComponentTest
{
    public MainLayoutTests()
    {
        Services.AddSingleton<AdminAccess>();
        Services.Configure<CollabOptions>(o => o.Admins = [Alice.UserName]);
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    [Fact]
    public void TheAppBar_NamesTheUser_OffersSignOut_AndAdminToAnAdmin()
    {
        var cut = RenderAs(Alice);

        Assert.Equal("Alice", cut.Find("[data-testid=signed-in-as]").TextContent);
        Assert.Equal("alice", cut.Find("[data-testid=signed-in-as]").GetAttribute("title"));
        Assert.Equal(["/rooms", "/admin"], cut.FindAll("header a").Select(a => a.GetAttribute("href")));
        var signOut = cut.Find("header form button");
        Assert.Equal("Sign out", signOut.TextContent);
        Assert.Equal("submit", signOut.GetAttribute("type"));
        Assert.Equal("/account/logout", cut.Find("header form").GetAttribute("action"));
        Assert.Equal("BODY", cut.Find("main#main-content").TextContent.Trim());
    }

    [Fact]
    public void SomeoneElse_HasNoAdminLink()
    {
        var cut = RenderAs(Bob);

        Assert.Equal(["/rooms"], cut.FindAll("header a").Select(a => a.GetAttribute("href")));
    }

    /// <summary>
    /// Issue 13: every open circuit holds the layout's components as long as it is open, so the app bar and the main
    /// content are plain elements with MudBlazor's classes, and so are the sign-in check and the sign-out form's
    /// antiforgery token. What is left: MudBlazor's snackbar provider (the notice after leaving a room shows on the room
    /// list). The dialog provider is the room page's, and no popover provider is needed.
    /// </summary>
    [Fact]
    public void TheLayout_RendersOnlyTheSnackbarProvider()
    {
        var cut = RenderAs(Alice);

        Assert.Equal(["MudSnackbarProvider"], cut.FindComponents<IComponent>().Select(c => c.Instance.GetType().Name));
    }

    [Fact]
    public void TheSignOutForm_CarriesTheAntiforgeryToken()
    {
        var cut = RenderAs(Alice);

        var token = Services.GetRequiredService<AntiforgeryStateProvider>().GetAntiforgeryToken();
        Assert.NotNull(token);
        var field = cut.Find($"header form input[type=hidden][name='{token.FormFieldName}']");
        Assert.Equal(token.Value, field.GetAttribute("value"));
    }

    [Fact]
    public void SigningIn_WhileTheLayoutIsOpen_ShowsTheUserAndSignOut()
    {
        var authorization = AddAuthorization();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "BODY"))));
        Assert.Empty(cut.FindAll("[data-testid=signed-in-as]"));

        authorization.SetAuthorized(Bob.UserName).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, Bob.UserId), new Claim(ClaimTypes.Name, Bob.UserName),
            new Claim(CollabApp.Accounts.CollabClaims.DisplayName, Bob.DisplayName));

        cut.WaitForAssertion(() => Assert.Equal("Bob", cut.Find("[data-testid=signed-in-as]").TextContent), Wait);
        Assert.Single(cut.FindAll("header form"));
    }

    [Fact]
    public void SomeoneSignedOut_SeesNoUserAndNoSignOut()
    {
        AddAuthorization();
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "BODY"))));

        Assert.Empty(cut.FindAll("[data-testid=signed-in-as]"));
        Assert.Empty(cut.FindAll("header form"));
    }

    private IRenderedComponent<MainLayout> RenderAs(CollabUser user)
    {
        AddAuthorization().SetAuthorized(user.UserName).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, user.UserId), new Claim(ClaimTypes.Name, user.UserName),
            new Claim(CollabApp.Accounts.CollabClaims.DisplayName, user.DisplayName));
        return Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "BODY"))));
    }

    /// <summary>The app's antiforgery state as the server gives it to a circuit: one request token.</summary>
    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        private readonly AntiforgeryRequestToken _token = new("token-" + Guid.NewGuid().ToString("N"), "__RequestVerificationToken");

        public override AntiforgeryRequestToken GetAntiforgeryToken() => _token;
    }
}
