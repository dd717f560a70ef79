namespace CollabApp.E2E.Infrastructure;

/// <summary>An embedded app whose presence expires fast: entries live 6 s, refreshed every 2 s.</summary>
public sealed class PresenceAppFixture : AppFixture
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(6);

    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    protected override AppInstanceOptions Options => new()
    {
        Environment = new Dictionary<string, string>
        {
            ["Collab__Presence__TtlSeconds"] = Ttl.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Collab__Presence__RefreshSeconds"] = Refresh.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
