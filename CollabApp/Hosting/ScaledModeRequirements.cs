namespace CollabApp.Hosting;

/// <summary>
/// What the scaled mode cannot run without, checked before anything starts. The bearer-token signing key
/// is generated per data folder when not configured, which is right for one machine; in the scaled mode
/// every instance would make its own, and a token would fail on any instance but the one that issued it
/// (after a failover, or behind a balancer that is not sticky).
/// </summary>
public static class ScaledModeRequirements
{
    /// <summary>The one line to stop with, or null when the configuration is complete.</summary>
    public static string? Problem(IConfiguration configuration, CollabMode mode) =>
        mode.IsScaled && string.IsNullOrWhiteSpace(configuration[AuthOptions.SectionName + ":SigningKey"])
            ? "CollabApp will not start: the scaled mode (Redis configured) needs Collab__Auth__SigningKey, the same key of at least 32 characters on every instance."
            : null;
}
