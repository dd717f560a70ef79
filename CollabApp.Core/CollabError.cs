namespace CollabApp.Core;

/// <summary>The error codes of the public protocol; the hub writes them as <c>code:</c> prefixes.</summary>
public enum CollabErrorCode
{
    Invalid,
    Forbidden,
    NotFound,
    RateLimited,
    TooLarge,
    Unavailable,
}

/// <summary>
/// A refused request. Core throws it before changing any state; the host translates the code into
/// the wire form of docs/protocol.md (<c>invalid:</c>, <c>forbidden:</c>, …) and never sends anything else.
/// </summary>
public sealed class CollabError(CollabErrorCode code, string message) : Exception(message)
{
    public CollabErrorCode Code { get; } = code;

    /// <summary>The protocol prefix, e.g. <c>not-found</c>.</summary>
    public string WireCode => Code switch
    {
        CollabErrorCode.Invalid => "invalid",
        CollabErrorCode.Forbidden => "forbidden",
        CollabErrorCode.NotFound => "not-found",
        CollabErrorCode.RateLimited => "rate-limited",
        CollabErrorCode.TooLarge => "too-large",
        CollabErrorCode.Unavailable => "unavailable",
        _ => "invalid",
    };

    public static CollabError Invalid(string message) => new(CollabErrorCode.Invalid, message);
    public static CollabError Forbidden(string message) => new(CollabErrorCode.Forbidden, message);
    public static CollabError NotFound(string message) => new(CollabErrorCode.NotFound, message);
    public static CollabError TooLarge(string message) => new(CollabErrorCode.TooLarge, message);
    public static CollabError RateLimited(string message) => new(CollabErrorCode.RateLimited, message);
    public static CollabError Unavailable(string message) => new(CollabErrorCode.Unavailable, message);
}
