using System.Diagnostics;
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
        var dataPath = CollabAppFactory.NewDataPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CollabApp.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Collab__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        // Nothing listens on these: the app must stop before it connects anywhere.
        start.Environment["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=none";
        start.Environment["ConnectionStrings__Redis"] = "127.0.0.1:1";
        start.Environment["Collab__DataPath"] = dataPath;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            CollabAppFactory.DeleteDataPath(dataPath);
        }

        Assert.NotEqual(0, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(ScaledModeRequirements.Problem(new ConfigurationBuilder().Build(), new CollabMode("x", "y")), Assert.Single(lines));
        Assert.Equal("", (await stdout).Trim());
    }
}
