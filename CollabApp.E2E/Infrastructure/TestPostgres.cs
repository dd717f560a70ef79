using System.Diagnostics;
using Npgsql;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// A private PostgreSQL server (its own data folder and free port), for tests that stop and start the database while
/// instances use it: the shared server of the other tests must stay up. Started and stopped through eng/services.sh,
/// the same functions the test command uses (they run PostgreSQL as its own OS user, as it requires).
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _folder;

    private TestPostgres(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>For the app (<c>ConnectionStrings__Postgres</c>).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "collab" }.ConnectionString;

    public static async Task<TestPostgres> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("collab-pg-").FullName;
        var postgres = new TestPostgres(folder, FreePort.Next());
        await postgres.StartAgainAsync();
        await RunAsync($"{PgBin}/psql -h 127.0.0.1 -p {postgres.Port} -U postgres -c 'CREATE DATABASE collab' >/dev/null");
        return postgres;
    }

    /// <summary>A fast shutdown: open connections are ended, new ones refused, until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => RunAsync($"svc_pg_stop '{_folder}'");

    public Task StartAgainAsync() => RunAsync($"svc_pg_start '{_folder}' {Port}");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string PgBin => Environment.GetEnvironmentVariable("SVC_PG_BIN") ?? "/usr/lib/postgresql/15/bin";

    private static async Task RunAsync(string script)
    {
        var services = Path.Combine(TestEnvironment.RepositoryRoot, "eng", "services.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"set -euo pipefail; source '{services}'; {script}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{script}` failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
