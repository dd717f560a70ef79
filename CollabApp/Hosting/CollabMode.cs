namespace CollabApp.Hosting;

/// <summary>
/// The one decision between the two modes, taken from configuration alone: with both
/// <c>ConnectionStrings:Postgres</c> and <c>ConnectionStrings:Redis</c> the app is scaled (PostgreSQL +
/// Redis); with neither it is embedded (SQLite + in-process). One without the other is a mistake.
/// </summary>
public sealed record CollabMode(string? Postgres, string? Redis)
{
    public bool IsScaled => Postgres is not null;

    public static CollabMode From(IConfiguration configuration)
    {
        var postgres = NullIfEmpty(configuration.GetConnectionString("Postgres"));
        var redis = NullIfEmpty(configuration.GetConnectionString("Redis"));
        if ((postgres is null) != (redis is null))
        {
            throw new InvalidOperationException(
                "Set both ConnectionStrings:Postgres and ConnectionStrings:Redis for the scaled mode, or neither for the embedded mode.");
        }
        return new CollabMode(postgres, redis);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
