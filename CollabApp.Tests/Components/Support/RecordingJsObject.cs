using Microsoft.JSInterop;

namespace CollabApp.Tests.Components.Support;

/// <summary>
/// A browser object (an imported module, or what its attach function returned) that records the calls made on it
/// and whether it was released. Calls that ask for an object back get a new recording object.
/// </summary>
public sealed class RecordingJsObject : IJSObjectReference
{
    private readonly List<string> _calls = [];
    private IJSObjectReference? _next;

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public bool Released { get; private set; }

    public List<RecordingJsObject> Returned { get; } = [];

    /// <summary>The next call that asks for an object gets <paramref name="next"/> instead of a recording one.</summary>
    public void ReturnNext(IJSObjectReference next) => _next = next;

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        lock (_calls)
        {
            _calls.Add(identifier);
        }
        if (typeof(TValue) == typeof(IJSObjectReference) && Interlocked.Exchange(ref _next, null) is { } next)
        {
            return ValueTask.FromResult((TValue)next);
        }
        if (typeof(TValue) == typeof(IJSObjectReference))
        {
            var returned = new RecordingJsObject();
            Returned.Add(returned);
            return ValueTask.FromResult((TValue)(object)returned);
        }
        return ValueTask.FromResult(default(TValue)!);
    }

    public ValueTask DisposeAsync()
    {
        Released = true;
        return ValueTask.CompletedTask;
    }
}
