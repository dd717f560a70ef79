using System.Data.Common;
using Npgsql;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// What the app changes in a PostgreSQL connection string, each only where the operator's string does not say (issue 13;
/// measured in docs/benchmarks.md, section 7):
/// <list type="bullet">
/// <item><b>No reset when a pooled connection is returned.</b> Npgsql otherwise resets the session's state before the
/// connection's next use, one more statement for PostgreSQL per use, and under load every group commit and store call
/// takes a connection from the pool for one statement. The app sets no session state (no <c>SET</c>, temporary tables,
/// listens or advisory locks) for a reset to clear; an open transaction is still rolled back when a connection returns.</item>
/// <item><b>Automatic preparation</b> of the statements a connection runs again and again (the group commits' inserts,
/// the stores' queries), so PostgreSQL plans each once per connection. Only without the reset: with it, Npgsql keeps
/// prepared statements through a longer reset sequence, and the two together measured no better than neither.</item>
/// </list>
/// </summary>
public static class PostgresConnectionDefaults
{
    /// <summary>Statements prepared per connection; Npgsql replaces the least recently used beyond this.</summary>
    public const int MaxAutoPrepare = 32;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var result = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(given, "No Reset On Close"))
        {
            result.NoResetOnClose = true;
        }
        if (!Says(given, "Max Auto Prepare") && result.NoResetOnClose)
        {
            result.MaxAutoPrepare = MaxAutoPrepare;
        }
        return result.ConnectionString;
    }

    // Keywords compare ignoring case (DbConnectionStringBuilder's rule); Npgsql also takes each without its spaces.
    private static bool Says(DbConnectionStringBuilder given, string keyword) =>
        given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
}
