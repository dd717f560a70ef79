using System.Diagnostics;

namespace CollabApp.Tests.Hosting;

/// <summary>The real app as a process, for start-up behaviour: run with some settings until it exits (or a minute).</summary>
internal static class AppProcess
{
    public sealed record Exit(int Code, string StandardOutput, string[] ErrorLines);

    public static async Task<Exit> RunToExitAsync(IReadOnlyDictionary<string, string> settings)
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
        start.Environment["Collab__DataPath"] = dataPath;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

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
        return new Exit(process.ExitCode, await stdout, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
