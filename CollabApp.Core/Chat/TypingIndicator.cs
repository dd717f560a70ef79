namespace CollabApp.Core.Chat;

/// <summary>
/// Who else is typing, as the chat shows it: each notice shows for <see cref="ShownFor"/>, or until its author's
/// message arrives. One timer serves all typists: it calls <c>expiryDue</c> when the earliest notice runs out, and
/// the owner then calls <see cref="Expire"/> (on its own thread), which drops what has run out and re-arms for the next.
/// </summary>
public sealed class TypingIndicator(TimeProvider time, Action expiryDue) : IDisposable
{
    public static readonly TimeSpan ShownFor = TimeSpan.FromSeconds(4);

    private readonly Dictionary<string, (string Name, DateTimeOffset Until)> _typing = new(StringComparer.Ordinal);
    private ITimer? _timer;

    /// <summary>"bob is typing…", "alice and bob are typing…", "Several people are typing…", or null.</summary>
    public string? Line
    {
        get
        {
            var now = time.GetUtcNow();
            var names = _typing.Values.Where(t => t.Until > now).Select(t => t.Name).Order(StringComparer.CurrentCultureIgnoreCase).ToList();
            return names.Count switch
            {
                0 => null,
                1 => $"{names[0]} is typing…",
                2 => $"{names[0]} and {names[1]} are typing…",
                _ => "Several people are typing…",
            };
        }
    }

    /// <summary>A typing notice from <paramref name="userId"/>, shown under <paramref name="name"/>.</summary>
    public void Typing(string userId, string name)
    {
        _typing[userId] = (name, time.GetUtcNow() + ShownFor);
        Expire();
    }

    /// <summary>Their message arrived: they are no longer typing it.</summary>
    public void Stopped(string userId) => _typing.Remove(userId);

    /// <summary>Drops the notices that have run out and arms the timer for the earliest of the rest.</summary>
    public void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var gone in _typing.Where(t => t.Value.Until <= now).Select(t => t.Key).ToList())
        {
            _typing.Remove(gone);
        }
        if (_typing.Count == 0)
        {
            return;
        }
        var due = _typing.Values.Min(t => t.Until) - now;
        _timer ??= time.CreateTimer(_ => expiryDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer?.Dispose();
}
