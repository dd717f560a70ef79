using System.Data.Common;
using Npgsql;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// What the app changes in a PostgreSQL connection string, each only where the operator's string does not say (issue 13):
/// <list type="bullet">
/// <item><b>No reset when a pooled connection is returned.</b> Npgsql otherwise resets the session's state before the
/// connection's next use, one more statement for PostgreSQL per use. Under load every group commit and store call takes
/// a connection from the pool for one statement, so the reset doubled the database's transactions. The app sets no
/// session state (no <c>SET</c>, temporary tables, listens or advisory locks) for a reset to clear.</item>
/// <item><b>Automatic preparation</b> of the statements a connection runs again and again (the group commits' inserts,
/// the stores' queries): PostgreSQL then parses and plans each once per connection, not on every call.</item>
/// </list>
/// </summary>
public static class PostgresConnectionDefaults
{
    /// <summary>Statements prepared per connection; Npgsql recycles the least recently used beyond this.</summary>
    public const int MaxAutoPrepare = 32;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var result = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(given, "No Reset On Close", "NoResetOnClose"))
        {
            result.NoResetOnClose = true;
        }
        if (!Says(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            result.MaxAutoPrepare = MaxAutoPrepare;
        }
        return result.ConnectionString;
    }

    // Keywords compare ignoring case (DbConnectionStringBuilder's own rule); Npgsql also takes each without spaces.
    private static bool Says(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);
}
