using CollabApp.Core.Presence;

namespace CollabApp.Tests.Hosting;

/// <summary>Issue 12, deliverable 7: a wrong setting stops the app with one line naming it; a TTL alone is a valid setting.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Collab__Presence__TtlSeconds", "1", "Collab:Presence:TtlSeconds")]
    [InlineData("Collab__Documents__SnapshotEvery", "0", "Collab:Documents:SnapshotEvery")]
    [InlineData("Collab__Documents__CacheMegabytes", "1", "Collab:Documents:CacheMegabytes")]
    public async Task App_WithAnInvalidSetting_ExitsWithOneLineNamingIt_AndNoStackTrace(string variable, string value, string setting)
    {
        var exit = await AppProcess.RunToExitAsync(new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, exit.Code);
        var line = Assert.Single(exit.ErrorLines);
        Assert.StartsWith("CollabApp will not start:", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 10)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    public void RefreshInterval_Unset_IsHalfTheTtl_SoATtlAloneIsValid(int ttlSeconds, int expectedRefreshSeconds)
    {
        var options = new PresenceOptions { TtlSeconds = ttlSeconds };

        Assert.Equal(TimeSpan.FromSeconds(expectedRefreshSeconds), options.RefreshInterval);
        Assert.True(options.RefreshInterval < options.Ttl);
    }

    [Fact]
    public async Task App_WithOnlyATtlSet_Starts()
    {
        await using var factory = new CollabAppFactory(new Dictionary<string, string?> { ["Collab:Presence:TtlSeconds"] = "20" });
        using var client = factory.CreateClient();

        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(health.IsSuccessStatusCode, $"/healthz answered {(int)health.StatusCode}");
    }
}
