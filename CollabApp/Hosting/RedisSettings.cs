using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>Redis naming (<c>Collab__Redis__*</c>); the connection itself is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RedisSettings
{
    public const string SectionName = "Collab:Redis";

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Collab:Redis:Prefix must be 1-40 characters of letters, digits, '_', '.', '-'.")]
    public string Prefix { get; set; } = "collab";
}
