using Bunit;
using CollabApp.Accounts;
using CollabApp.Components.Chat;
using CollabApp.Components.Shared;
using CollabApp.Core.Chat;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>People are named by their display names: typing notices and the shared lookup (issue 15, 6).</summary>
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
