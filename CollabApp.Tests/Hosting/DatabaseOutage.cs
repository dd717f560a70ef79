using Npgsql;

namespace CollabApp.Tests.Hosting;

/// <summary>
/// The app's PostgreSQL database goes away (new connections refused, open ones cut) until disposed: a
/// real store outage for one test's app, the rest of the shared server untouched.
/// </summary>
public sealed class DatabaseOutage : IAsyncDisposable
{
    private readonly string _database;

    private DatabaseOutage(string database) => _database = database;

    /// <param name="connectionString">The app's own connection string (its database is the one cut off).</param>
    public static async Task<DatabaseOutage> StartAsync(string connectionString)
    {
        var outage = new DatabaseOutage(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        await outage.RunAsync($"ALTER DATABASE \"{outage._database}\" ALLOW_CONNECTIONS false");
        await outage.RunAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{outage._database}'");
        return outage;
    }

    public async ValueTask DisposeAsync() => await RunAsync($"ALTER DATABASE \"{_database}\" ALLOW_CONNECTIONS true");

    private async Task RunAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
