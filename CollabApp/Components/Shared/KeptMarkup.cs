using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Shared;

/// <summary>
/// Markup strings kept from one render to the next (issue 13). A list that renders each row as a few markup strings
/// rebuilds them on every render; passing each through <see cref="Keep"/> gives back the instance the last render used
/// when the text is the same, so the component's current and previous render trees share one copy per distinct string
/// (rows by the same author share their avatar) instead of holding a fresh one each, and the renderer's diff sees
/// the same reference. A string no render used since is let go at the next <see cref="RenderDone"/>.
/// </summary>
public sealed class KeptMarkup
{
    private HashSet<string> _kept = new(StringComparer.Ordinal);
    private HashSet<string> _used = new(StringComparer.Ordinal);

    public MarkupString Keep(string html)
    {
        if (_kept.TryGetValue(html, out var kept) || _used.TryGetValue(html, out kept))
        {
            html = kept;
        }
        _used.Add(html);
        return new MarkupString(html);
    }

    /// <summary>Call once the render has kept all it shows: what it did not use is dropped.</summary>
    public void RenderDone()
    {
        (_kept, _used) = (_used, _kept);
        _used.Clear();
    }
}
