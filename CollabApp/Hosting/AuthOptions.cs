using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>Bearer tokens for hub and API clients (<c>Collab__Auth__*</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Collab:Auth";
    public const string Issuer = "collabapp";

    /// <summary>The HMAC key tokens are signed with; the same on every instance. Generated into the data folder when not set.</summary>
    [MinLength(32, ErrorMessage = "Collab:Auth:SigningKey must be at least 32 characters.")]
    public string? SigningKey { get; set; }

    [Range(1, 7 * 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 8 * 60;
}
