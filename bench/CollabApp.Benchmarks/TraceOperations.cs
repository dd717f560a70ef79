using CollabApp.Bench;
using CollabApp.Core.Documents;

namespace CollabApp.Benchmarks;

/// <summary>The editing trace as protocol operations, each spanning the document it applies to.</summary>
internal static class TraceOperations
{
    /// <summary>Length of the final text of the full trace (testdata/README.md).</summary>
    public const int FinalLength = 104_852;

    public static TextOperation[] Build(IReadOnlyList<TraceEdit> edits)
    {
        var operations = new TextOperation[edits.Count];
        var length = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            var (position, delete, text) = edits[i];
            operations[i] = new TextOperation.Builder()
                .Retain(position).Delete(delete).Insert(text).Retain(length - position - delete).Build();
            length = operations[i].TargetLength;
        }
        return operations;
    }
}
