using Npgsql;

namespace CollabApp.E2E.Infrastructure;

/// <summary>A fresh, empty PostgreSQL database on COLLAB_TEST_POSTGRES's server, dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>For the app (<c>ConnectionStrings__Postgres</c>).</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = TestEnvironment.Postgres;
        var name = "collab_e2e_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(server, name);
    }

    public async ValueTask DisposeAsync() =>
        // FORCE ends the app's pooled connections (an instance killed by a test may leave some behind).
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(timeout.Token);
    }
}
