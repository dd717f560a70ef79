using Bunit;
using CollabApp.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Tests.Components;

/// <summary>
/// The page title (issue 13): PageTitle where the page renders statically, one call to the browser in a circuit, so no
/// circuit holds an interactive HeadOutlet and its sections.
/// </summary>
public sealed class DocumentTitleTests : BunitContext
{
    [Fact]
    public void RenderedStatically_IsThePageTitle_AndCallsNothing()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<DocumentTitle>(p => p.Add(t => t.Title, "Rooms"));

        Assert.Single(cut.FindComponents<PageTitle>());
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void InACircuit_SetsTheBrowsersTitle_OnceForEachNewTitle_AndRendersNoComponent()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.SetupVoid("collabApp.setTitle", _ => true);

        var cut = Render<DocumentTitle>(p => p.Add(t => t.Title, "Lobby"));
        cut.Render(p => p.Add(t => t.Title, "Lobby"));
        cut.Render(p => p.Add(t => t.Title, "Lobby, renamed"));

        Assert.Empty(cut.FindComponents<PageTitle>());
        Assert.Equal(["Lobby", "Lobby, renamed"], JSInterop.Invocations.Select(i => (string)i.Arguments[0]!));
    }
}
