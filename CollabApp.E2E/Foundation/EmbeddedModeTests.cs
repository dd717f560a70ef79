using CollabApp.E2E.Infrastructure;

namespace CollabApp.E2E.Foundation;

/// <summary>The app with no connection strings: SQLite in its data folder, everything in-process.</summary>
public sealed class EmbeddedModeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public Task Embedded_RegisterSignOutSignIn_ReachesLobby() =>
        fixture.RunAsync(Journeys.RegisterSignOutSignInOpenLobbyAsync);
}
