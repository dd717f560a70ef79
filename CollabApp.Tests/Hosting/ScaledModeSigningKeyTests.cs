using CollabApp.Hosting;
using Microsoft.Extensions.Configuration;

namespace CollabApp.Tests.Hosting;

/// <summary>Issue 11, deliverable 7: the scaled mode needs a shared signing key and says so in one line.</summary>
public sealed class ScaledModeSigningKeyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Problem_ScaledWithoutKey_IsOneLineNamingTheSetting(string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Collab:Auth:SigningKey"] = key }).Build();

        var problem = ScaledModeRequirements.Problem(configuration, new CollabMode("Host=db", "redis:6379"));

        Assert.NotNull(problem);
        Assert.Contains("Collab__Auth__SigningKey", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Problem_EmbeddedWithoutKey_OrScaledWithKey_IsNone()
    {
        var none = new ConfigurationBuilder().Build();
        var keyed = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Collab:Auth:SigningKey"] = new string('k', 32) }).Build();

        Assert.Null(ScaledModeRequirements.Problem(none, new CollabMode(null, null)));
        Assert.Null(ScaledModeRequirements.Problem(keyed, new CollabMode("Host=db", "redis:6379")));
    }

    /// <summary>The real app, as a process: it exits non-zero at once with that one line and no stack trace.</summary>
    [Fact]
    public async Task App_ScaledWithoutKey_ExitsWithOneClearLine()
    {
        // Nothing listens on these: the app must stop before it connects anywhere.
        var exit = await AppProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=none",
            ["ConnectionStrings__Redis"] = "127.0.0.1:1",
        });

        Assert.NotEqual(0, exit.Code);
        Assert.Equal(ScaledModeRequirements.Problem(new ConfigurationBuilder().Build(), new CollabMode("x", "y")), Assert.Single(exit.ErrorLines));
        Assert.Equal("", exit.StandardOutput.Trim());
    }
}
