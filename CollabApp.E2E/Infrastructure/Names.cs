namespace CollabApp.E2E.Infrastructure;

/// <summary>Unique names, so tests sharing an app (and re-runs) never collide.</summary>
public static class Names
{
    public const string Password = "correct-horse-battery";

    /// <summary>A user name: 13 characters of [a-z0-9], valid for docs/protocol.md's 3-32 of [a-zA-Z0-9_.-].</summary>
    public static string User() => "u" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));

    /// <summary>A room id: valid for docs/protocol.md's 1-64 of [a-z0-9-].</summary>
    public static string Room() => "r-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));
}
