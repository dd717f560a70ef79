using Bunit;
using CollabApp.Accounts;
using CollabApp.Components.Chat;
using CollabApp.Components.Presence;
using CollabApp.Components.Shared;
using CollabApp.Core.Chat;
using CollabApp.Core.Presence;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>
/// People are named by their display names: typing notices, the shared lookup (issue 15, 6), and the chat and presence
/// rows, which look names up without a component per name (issue 13).
/// </summary>
public sealed class DisplayNameTests : RoomComponentTest
{
    private readonly NamedPeople _names = new(new Dictionary<string, string> { [Bob.UserId] = "Bob Builder" });

    public DisplayNameTests() => Services.AddSingleton<IDisplayNameSource>(_names);

    [Fact]
    public async Task TypingNotice_NamesTheTypistByDisplayName()
    {
        var connection = NewConnection();
        var cut = Render<ChatPanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);

        await Get<ChatService>().TypingAsync(Bob, "lobby", CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.Equal("Bob Builder is typing…", cut.Find("[data-testid=typing]").TextContent), Wait);
    }

    [Fact]
    public async Task ChatRow_NamesTheSenderByDisplayName_WithTheUserNameAsTitle()
    {
        var connection = NewConnection();
        var cut = Render<ChatPanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);

        await Get<ChatService>().SendAsync(Bob, "lobby", Guid.NewGuid().ToString(), "hello", CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() =>
        {
            var sender = cut.Find("[data-testid=chat-message] .collab-chat-sender > span");
            Assert.Equal("Bob Builder", sender.TextContent);
            Assert.Equal(Bob.UserName, sender.GetAttribute("title"));
            Assert.Equal("BB", cut.Find("[data-testid=chat-message] .mud-avatar").TextContent);
        }, Wait);
    }

    [Fact]
    public async Task PresenceRow_NamesThePersonByDisplayName()
    {
        var connection = NewConnection();
        var cut = Render<PresencePanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);

        await Get<PresenceService>().JoinAsync("lobby", new PresenceConnection("c-bob", Bob.UserId, Bob.UserName), CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.Equal("Bob Builder",
            cut.Find("li[data-testid=presence-entry][data-user=bob] .collab-presence-name > span").TextContent), Wait);
    }

    [Fact]
    public async Task DisplayName_FallsBackToTheUserName_WhenUnknownOrUnreachable()
    {
        var names = Get<DisplayNames>();

        Assert.Equal("Bob Builder", await People.DisplayNameAsync(names, Bob.UserId, Bob.UserName).WaitAsync(Wait));
        Assert.Equal("carol", await People.DisplayNameAsync(names, "u-carol", "carol").WaitAsync(Wait));
        _names.Failing = true;
        Assert.Equal("dave", await People.DisplayNameAsync(names, "u-dave", "dave").WaitAsync(Wait));
    }

    private sealed class NamedPeople(Dictionary<string, string> names) : IDisplayNameSource
    {
        public bool Failing { get; set; }

        public Task<string?> FindAsync(string userId, CancellationToken cancellationToken) =>
            Failing ? throw new InvalidOperationException("the database is down") : Task.FromResult(names.GetValueOrDefault(userId));
    }
}
