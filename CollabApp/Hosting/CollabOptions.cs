using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>Instance-wide settings (<c>Collab__*</c>).</summary>
public sealed class CollabOptions
{
    public const string SectionName = "Collab";

    /// <summary>This instance's name in logs, metrics and the UI footer; generated when not set.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Collab:InstanceId must be 1-40 characters of letters, digits, '_', '.', '-'.")]
    public string? InstanceId { get; set; }

    /// <summary>Folder for the embedded database and generated development keys (relative to the content root).</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>User names allowed on the admin pages.</summary>
    public string[] Admins { get; set; } = [];

    /// <summary>Origins allowed to call the API and hub from a browser (CORS); none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Networks (CIDR, e.g. <c>172.16.0.0/12</c>) whose proxies' X-Forwarded-* headers are believed, beside loopback:
    /// the balancer's network when it is not on the same machine (a container network).
    /// </summary>
    public string[] TrustedProxyNetworks { get; set; } = [];
}
