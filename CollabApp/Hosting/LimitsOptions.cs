using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>The limits of docs/protocol.md (<c>Collab__Limits__*</c>).</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Collab:Limits";

    [Range(1, 1_000_000)]
    public int ConnectionsPerMinute { get; set; } = 100;

    /// <summary>New Blazor circuits (browser pages) per client IP a minute, across all instances.</summary>
    [Range(1, 1_000_000)]
    public int CircuitsPerMinute { get; set; } = 100;

    /// <summary>Open hub connections per user, across all instances.</summary>
    [Range(1, 100_000)]
    public int ConnectionsPerUser { get; set; } = 20;

    /// <summary>Open Blazor circuits per signed-in user, across all instances.</summary>
    [Range(1, 100_000)]
    public int CircuitsPerUser { get; set; } = 20;

    /// <summary>Sign-in attempts (API and form) per client IP a minute.</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinute { get; set; } = 60;

    /// <summary>Sign-in attempts per account name from one client IP a minute: slows guessing, locks nobody out.</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Accounts created per client IP an hour (API and form).</summary>
    [Range(1, 1_000_000)]
    public int RegistrationsPerHour { get; set; } = 50;

    /// <summary>Rooms created per user an hour, and per client IP (twice as many, for people sharing an address).</summary>
    [Range(1, 1_000_000)]
    public int RoomsPerHour { get; set; } = 30;

    /// <summary>Rooms one user may own.</summary>
    [Range(1, 1_000_000)]
    public int MaxRoomsPerUser { get; set; } = 100;

    /// <summary>Rooms one hub connection may have joined at once.</summary>
    [Range(1, 10_000)]
    public int MaxJoinedRoomsPerConnection { get; set; } = 50;

    [Range(1, 100_000)]
    public int CallsPerSecond { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int CallBurst { get; set; } = 40;

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    [Range(1, 100_000_000)]
    public int MaxDocumentLength { get; set; } = 1_000_000;

    /// <summary>Live to-dos one room may hold.</summary>
    [Range(1, 100_000)]
    public int MaxTodosPerRoom { get; set; } = 1_000;

    [Range(3, 1_000_000)]
    public int MaxOperationComponents { get; set; } = 1_000;

    [Range(10, 10_000_000)]
    public int RetainedEvents { get; set; } = 10_000;

    [Range(10, 10_000_000)]
    public int RetainedOps { get; set; } = 10_000;

    /// <summary>Bytes of durable events (UTF-8 JSON) kept per room; document operations are kept within them too.</summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public int RetainedEventBytes { get; set; } = 8 * 1024 * 1024;
}
