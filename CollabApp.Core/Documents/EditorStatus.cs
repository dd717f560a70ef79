using System.Globalization;

namespace CollabApp.Core.Documents;

/// <summary>
/// The editor's status line: the revision the browser is at, whether its typing is all confirmed, and how many
/// people are in the room (online or away; offline ones leave).
/// </summary>
public sealed class EditorStatus
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    public int Revision { get; set; }

    public bool Synced { get; set; } = true;

    public int Present => _present.Count;

    /// <summary>A snapshot's people online replace what was known.</summary>
    public void PresentAre(IEnumerable<string> userIds)
    {
        _present.Clear();
        _present.UnionWith(userIds);
    }

    public void Joined(string userId) => _present.Add(userId);

    public void Left(string userId) => _present.Remove(userId);

    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"Revision {Revision} · {(Synced ? "saved" : "syncing")} · {Present} editing");
}
