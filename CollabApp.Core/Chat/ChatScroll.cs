namespace CollabApp.Core.Chat;

/// <summary>
/// Where the chat log should be: it follows new messages while the reader is at the bottom (and always for their
/// own), otherwise it stays put and offers a "New messages" jump. The browser reports the position; the panel takes
/// the pending scroll requests after each render.
/// </summary>
public sealed class ChatScroll
{
    private bool _toBottom;
    private bool _restore;

    /// <summary>The reader is at the newest message (the browser said so last).</summary>
    public bool AtBottom { get; private set; } = true;

    /// <summary>Messages arrived below while the reader was scrolled up.</summary>
    public bool NewBelow { get; private set; }

    /// <summary>The browser's report: the log is (or is no longer) scrolled to the bottom.</summary>
    public void ScrolledTo(bool atBottom)
    {
        AtBottom = atBottom;
        if (atBottom)
        {
            NewBelow = false;
        }
    }

    /// <summary>A new message is shown: follow it if at the bottom or if it is <paramref name="mine"/>.</summary>
    public void MessageAdded(bool mine)
    {
        if (AtBottom || mine)
        {
            _toBottom = true;
        }
        else
        {
            NewBelow = true;
        }
    }

    /// <summary>To the newest message (first render, our own send, the "New messages" button).</summary>
    public void JumpToNewest()
    {
        NewBelow = false;
        _toBottom = true;
    }

    /// <summary>Older messages were put above: keep the reader where they were.</summary>
    public void OlderAdded() => _restore = true;

    /// <summary>Whether to scroll to the bottom now (once per request).</summary>
    public bool TakeToBottom() => Take(ref _toBottom);

    /// <summary>Whether to restore the kept position now (once per request).</summary>
    public bool TakeRestore() => Take(ref _restore);

    private static bool Take(ref bool flag)
    {
        var value = flag;
        flag = false;
        return value;
    }
}
