namespace CollabApp.Core;

/// <summary>
/// What people read when something they did was refused or did not get through, in one wording for every panel.
/// The refusals a person acts on the same way whatever they did (too fast, the server busy) have a fixed sentence;
/// the other codes carry the protocol's own message, which docs/protocol.md writes for people; any other failure
/// (a store outage that reached the page, a lost connection) reads as the server being out of reach.
/// </summary>
public static class ErrorText
{
    public const string TooFast = "You are going very fast; slow down a moment, then try again.";
    public const string Busy = "The server is busy; try again in a moment.";
    public const string Unreachable = "The server could not be reached; try again in a moment.";

    /// <summary>One sentence, capitalised and ending with a full stop, for <paramref name="error"/>.</summary>
    public static string For(Exception error) => error switch
    {
        CollabError { Code: CollabErrorCode.RateLimited } => TooFast,
        CollabError { Code: CollabErrorCode.Unavailable } => Busy,
        CollabError refusal => Sentence(refusal.Message),
        _ => Unreachable,
    };

    private static string Sentence(string message)
    {
        var text = message.Trim();
        if (text.Length == 0)
        {
            return Unreachable;
        }
        text = char.ToUpperInvariant(text[0]) + text[1..];
        return text.EndsWith('.') ? text : text + ".";
    }
}
