namespace CollabApp.Accounts;

/// <summary>The claim types CollabApp adds to the standard ones (name identifier, name).</summary>
public static class CollabClaims
{
    public const string DisplayName = "display_name";
}
