using System.Security.Claims;
using Bunit;
using CollabApp.Components.Rooms;
using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>/rooms/{id} before the room shows: what the page says when it cannot open the room.</summary>
public sealed class RoomPageTests : RoomComponentTest
{
    private readonly SwitchableRoomDirectory _directory;

    public RoomPageTests()
    {
        _directory = new SwitchableRoomDirectory(Directory);
        Services.AddSingleton<IRoomDirectory>(_directory);
        AddAuthorization().SetAuthorized(Alice.UserName).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, Alice.UserId), new Claim(ClaimTypes.Name, Alice.UserName));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void TheDirectoryDown_SaysTheRoomIsUnavailable_NotThatTheIdIsInvalid()
    {
        // Thrown from the page's start, the outage would end the circuit; said as a refusal, it would mislead.
        _directory.FailReads = CollabError.Unavailable("the database is unreachable.");

        var cut = Render<RoomPage>(p => p.Add(c => c.RoomId, "lobby"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Room unavailable", cut.Find("h1").TextContent);
            Assert.Contains("cannot be opened right now", cut.Markup, StringComparison.Ordinal);
        }, Wait);
        Assert.Empty(cut.FindAll("[data-testid=room]"));
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public void AnUnknownRoom_IsSaidToBeUnknown()
    {
        var cut = Render<RoomPage>(p => p.Add(c => c.RoomId, "no-such-room"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("No access", cut.Find("h1").TextContent);
            Assert.Contains("There is no room with this id.", cut.Markup, StringComparison.Ordinal);
        }, Wait);
    }
}
