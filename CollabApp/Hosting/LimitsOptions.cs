using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>The limits of PROTOCOL.md (<c>Collab__Limits__*</c>).</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Collab:Limits";

    [Range(1, 1_000_000)]
    public int ConnectionsPerMinute { get; set; } = 100;

    [Range(1, 100_000)]
    public int CallsPerSecond { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int CallBurst { get; set; } = 40;

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    [Range(1, 100_000_000)]
    public int MaxDocumentLength { get; set; } = 1_000_000;

    [Range(3, 1_000_000)]
    public int MaxOperationComponents { get; set; } = 1_000;

    [Range(10, 10_000_000)]
    public int RetainedEvents { get; set; } = 10_000;

    [Range(10, 10_000_000)]
    public int RetainedOps { get; set; } = 10_000;
}
