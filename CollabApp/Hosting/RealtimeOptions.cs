using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>Connection health and back-pressure (<c>Collab__Realtime__*</c>).</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Collab:Realtime";

    /// <summary>How often the server pings a hub client.</summary>
    [Range(1, 300)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>A hub client silent this long is dead (a frozen process, a cut cable): its presence goes.</summary>
    [Range(2, 600)]
    public int ClientTimeoutSeconds { get; set; } = 30;

    /// <summary>Events a subscriber (circuit or hub connection) may fall behind before it is resynchronised.</summary>
    [Range(16, 1_000_000)]
    public int SubscriberQueueCapacity { get; set; } = 2048;
}
