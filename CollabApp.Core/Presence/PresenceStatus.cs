namespace CollabApp.Core.Presence;

/// <summary>The presence statuses of docs/protocol.md.</summary>
public static class PresenceStatus
{
    public const string Online = "online";
    public const string Away = "away";
    public const string Offline = "offline";

    /// <summary>Statuses a client may set for itself.</summary>
    public static bool IsSettable(string? status) => status is Online or Away;
}
