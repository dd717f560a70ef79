namespace CollabApp.Core.Chat;

/// <summary>
/// Our own typing notices: at most one every <see cref="SendEvery"/> (others show one for longer than that, so the
/// line stays up while we type), and none for a blank draft.
/// </summary>
public sealed class TypingThrottle(TimeProvider time)
{
    public static readonly TimeSpan SendEvery = TimeSpan.FromSeconds(2);

    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    /// <summary>True when a notice should go now for <paramref name="draft"/> (and counts it as sent).</summary>
    public bool ShouldSend(string draft)
    {
        var now = time.GetUtcNow();
        if (draft.Trim().Length == 0 || now - _lastSent < SendEvery)
        {
            return false;
        }
        _lastSent = now;
        return true;
    }
}
