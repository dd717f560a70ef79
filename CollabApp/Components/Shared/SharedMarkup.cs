using CollabApp.Core.Sharing;
using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Shared;

/// <summary>
/// Markup strings shared by every circuit of this instance (issue 13). A list whose rows are kept markup rebuilds each
/// row's text at every render; <see cref="Keep"/> gives back the instance that is already held somewhere with the same
/// text. So a room's viewers on one instance hold one copy of each to-do row and each message row (a row differs only
/// where the viewer does: a mention of them, the buttons on their own messages), a component's current and previous
/// render trees share it, and the renderer's diff sees the same reference and skips it.
/// </summary>
public sealed class SharedMarkup : SharedInstances<string>
{
    public MarkupString Keep(string html) => new(Share(html));
}
