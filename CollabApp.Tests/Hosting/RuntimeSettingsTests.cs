using System.Text.Json;

namespace CollabApp.Tests.Hosting;

/// <summary>
/// The runtime settings the app ships with (issue 13), read from the runtime configuration that <c>dotnet CollabApp.dll</c>
/// starts with: an instance shares its cores with the others, PostgreSQL and Redis, so it neither keeps a collector per
/// core nor lets idle thread-pool workers spin (docs/benchmarks.md, sections 3 and 7).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void TheApp_RunsWithWorkstationGc_AndThreadPoolWorkersThatDoNotSpin()
    {
        var settings = ConfigProperties(Path.Combine(AppContext.BaseDirectory, "CollabApp.runtimeconfig.json"));

        Assert.False(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(settings.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(0, settings.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    private static JsonElement ConfigProperties(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
