using BenchmarkDotNet.Attributes;
using CollabApp.Bench;
using CollabApp.Core.Documents;

namespace CollabApp.Benchmarks;

/// <summary>
/// The whole automerge-paper trace (259,778 one-character edits) replayed into one document. Baselines measured
/// in the same run: a flat char[] replay of the raw edits (what an editor without OT would do), and the naive
/// immutable-string <see cref="TextOt.Apply"/> on a prefix (it copies the document on every edit).
/// Mean is per edit (OperationsPerInvoke); Op/s is edits per second.
/// </summary>
public class TraceReplayBenchmarks
{
    public const int NaivePrefix = 25_000;
    private const int FullTrace = 259_778;

    private IReadOnlyList<TraceEdit> _edits = [];
    private TextOperation[] _operations = [];
    private int _maxLength;

    [GlobalSetup]
    public void Setup()
    {
        _edits = EditTrace.Load();
        if (_edits.Count != FullTrace)
        {
            throw new InvalidOperationException($"the trace has {_edits.Count} edits, expected {FullTrace}");
        }
        _operations = TraceOperations.Build(_edits);
        _maxLength = _operations.Max(o => o.TargetLength);
        if (ReplayDocumentText() != TraceOperations.FinalLength)
        {
            throw new InvalidOperationException("DocumentText replay does not reach the expected final length");
        }
    }

    /// <summary>
    /// A flat <c>char[]</c> edited in place with one memmove per edit: what a plain editor buffer costs, with no
    /// operation objects and no validation. (StringBuilder's Remove/Insert in the middle of a chunked builder was
    /// tried first: about 250 us per edit on this trace, far too slow to be a useful baseline.)
    /// </summary>
    [Benchmark(Baseline = true, Description = "flat char[] memmove, full trace", OperationsPerInvoke = FullTrace)]
    public int ReplayFlatArray()
    {
        var buffer = new char[_maxLength];
        var length = 0;
        foreach (var (position, delete, insert) in _edits)
        {
            var delta = insert.Length - delete;
            Array.Copy(buffer, position + delete, buffer, position + insert.Length, length - position - delete);
            insert.CopyTo(0, buffer, position, insert.Length);
            length += delta;
        }
        return length;
    }

    [Benchmark(Description = "DocumentText.Apply, full trace", OperationsPerInvoke = FullTrace)]
    public int ReplayDocumentText()
    {
        var document = DocumentText.From(string.Empty);
        foreach (var operation in _operations)
        {
            document.Apply(operation);
        }
        return document.Length;
    }

    [Benchmark(Description = "TextOt.Apply on strings, first 25k edits", OperationsPerInvoke = NaivePrefix)]
    public int ReplayNaiveStrings()
    {
        var text = string.Empty;
        for (var i = 0; i < NaivePrefix; i++)
        {
            text = TextOt.Apply(text, _operations[i]);
        }
        return text.Length;
    }
}
