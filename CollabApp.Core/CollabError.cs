namespace CollabApp.Core;

/// <summary>The error codes of the public protocol (docs/protocol.md); the hub writes them as <c>code:</c> prefixes.</summary>
public enum CollabErrorCode
{
    Invalid,
    Forbidden,
    NotFound,
    RateLimited,
    TooLarge,
    Unavailable,
    Conflict,
}

/// <summary>
/// A refused request. Core throws it before changing any state; the host translates the code into
/// the wire form of docs/protocol.md (<c>invalid:</c>, <c>forbidden:</c>, …) and never sends anything else.
/// </summary>
public sealed class CollabError(CollabErrorCode code, string message) : Exception(message)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoArguments = new Dictionary<string, string[]>();

    public CollabErrorCode Code { get; } = code;

    /// <summary>
    /// For <see cref="CollabErrorCode.Invalid"/>: the arguments refused, each with its reasons, in the order they were
    /// checked (the HTTP API answers them as validation problem details, the pages show them); empty when the message says it all.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Arguments { get; private init; } = NoArguments;

    /// <summary>The prefix of docs/protocol.md, e.g. <c>not-found</c>.</summary>
    public string WireCode => Code switch
    {
        CollabErrorCode.Invalid => "invalid",
        CollabErrorCode.Forbidden => "forbidden",
        CollabErrorCode.NotFound => "not-found",
        CollabErrorCode.RateLimited => "rate-limited",
        CollabErrorCode.TooLarge => "too-large",
        CollabErrorCode.Unavailable => "unavailable",
        CollabErrorCode.Conflict => "conflict",
        _ => "invalid",
    };

    public static CollabError Invalid(string message) => new(CollabErrorCode.Invalid, message);

    /// <summary>Invalid arguments, each named with its reasons; the message is every reason in turn.</summary>
    public static CollabError Invalid(IReadOnlyDictionary<string, string[]> arguments) =>
        new(CollabErrorCode.Invalid, string.Join(" ", arguments.Values.SelectMany(reasons => reasons))) { Arguments = arguments };

    /// <summary>One invalid argument, named, with its reason as the message.</summary>
    public static CollabError Invalid(string argument, string message) =>
        new(CollabErrorCode.Invalid, message) { Arguments = new Dictionary<string, string[]> { [argument] = [message] } };
    public static CollabError Forbidden(string message) => new(CollabErrorCode.Forbidden, message);
    public static CollabError NotFound(string message) => new(CollabErrorCode.NotFound, message);
    public static CollabError TooLarge(string message) => new(CollabErrorCode.TooLarge, message);
    public static CollabError RateLimited(string message) => new(CollabErrorCode.RateLimited, message);
    public static CollabError Unavailable(string message) => new(CollabErrorCode.Unavailable, message);

    /// <summary>The name chosen is taken (a room id, a user name): HTTP's <c>409</c>; no hub method refuses with it.</summary>
    public static CollabError Conflict(string message) => new(CollabErrorCode.Conflict, message);
}
