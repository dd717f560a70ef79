using System.ComponentModel.DataAnnotations;

namespace CollabApp.Core.Presence;

/// <summary>Presence timing (<c>Collab__Presence__*</c>).</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Collab:Presence";

    /// <summary>A connection not refreshed for this long is gone (a dead tab, a crashed instance).</summary>
    [Range(2, 3600, ErrorMessage = "Collab:Presence:TtlSeconds must be between 2 and 3600.")]
    public int TtlSeconds { get; set; } = 60;

    /// <summary>
    /// How often each instance refreshes its live connections and expires stale ones. Unset: half the TTL, so that
    /// setting only the TTL is always valid.
    /// </summary>
    public int? RefreshSeconds { get; set; }

    public TimeSpan Ttl => TimeSpan.FromSeconds(TtlSeconds);

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshSeconds ?? Math.Max(1, TtlSeconds / 2));
}
