using System.IO.Compression;
using System.Text.Json;

namespace CollabApp.Bench;

/// <summary>One edit of the automerge-paper trace: delete <see cref="Delete"/> units at <see cref="Position"/>, then insert <see cref="Text"/> there.</summary>
public readonly record struct TraceEdit(int Position, int Delete, string Text);

/// <summary>
/// Reads the editing trace (gzipped JSON array of <c>[pos, delCount, insertText]</c>, see testdata/README.md).
/// Found through <c>COLLAB_TRACE</c>, else <c>testdata/automerge-paper-trace.json.gz</c> in the current folder or any
/// parent (the repository's own copy).
/// </summary>
public static class EditTrace
{
    public const string FileName = "automerge-paper-trace.json.gz";

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("COLLAB_TRACE") is { Length: > 0 } fromEnv)
        {
            return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"COLLAB_TRACE={fromEnv} does not exist");
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "testdata", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException($"{FileName} not found: set COLLAB_TRACE to its path");
    }

    /// <summary>The first <paramref name="limit"/> edits (all of them for null).</summary>
    public static IReadOnlyList<TraceEdit> Load(int? limit = null, string? path = null)
    {
        path ??= Locate();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var edits = new List<TraceEdit>(json.RootElement.GetArrayLength());
        foreach (var element in json.RootElement.EnumerateArray())
        {
            if (limit is { } max && edits.Count >= max)
            {
                break;
            }
            edits.Add(new TraceEdit(element[0].GetInt32(), element[1].GetInt32(), element[2].GetString() ?? string.Empty));
        }
        return edits;
    }
}
