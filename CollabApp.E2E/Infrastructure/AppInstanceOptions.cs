namespace CollabApp.E2E.Infrastructure;

/// <summary>How to start one CollabApp process.</summary>
public sealed record AppInstanceOptions
{
    /// <summary><c>Collab__InstanceId</c>; a random one when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>PostgreSQL connection string; with <see cref="Redis"/> it selects the scaled mode.</summary>
    public string? Postgres { get; init; }

    public string? Redis { get; init; }

    /// <summary>Extra environment, e.g. <c>Collab__Presence__TtlSeconds</c> or a shared <c>Collab__Auth__SigningKey</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
