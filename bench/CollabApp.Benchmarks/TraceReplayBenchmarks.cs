using System.Text;
using BenchmarkDotNet.Attributes;
using CollabApp.Bench;
using CollabApp.Core.Documents;

namespace CollabApp.Benchmarks;

/// <summary>
/// The whole automerge-paper trace (259,778 one-character edits) replayed into one document. Baselines measured
/// in the same run: a StringBuilder replay of the raw edits (what an editor without OT would do), and the naive
/// immutable-string <see cref="TextOt.Apply"/> on a prefix (it copies the document on every edit).
/// Mean is per edit (OperationsPerInvoke); Op/s is edits per second.
/// </summary>
public class TraceReplayBenchmarks
{
    public const int NaivePrefix = 25_000;
    private const int FullTrace = 259_778;

    private IReadOnlyList<TraceEdit> _edits = [];
    private TextOperation[] _operations = [];

    [GlobalSetup]
    public void Setup()
    {
        _edits = EditTrace.Load();
        if (_edits.Count != FullTrace)
        {
            throw new InvalidOperationException($"the trace has {_edits.Count} edits, expected {FullTrace}");
        }
        _operations = TraceOperations.Build(_edits);
        if (ReplayDocumentText() != TraceOperations.FinalLength)
        {
            throw new InvalidOperationException("DocumentText replay does not reach the expected final length");
        }
    }

    [Benchmark(Baseline = true, Description = "StringBuilder Remove/Insert, full trace", OperationsPerInvoke = FullTrace)]
    public int ReplayStringBuilder()
    {
        var text = new StringBuilder();
        foreach (var (position, delete, insert) in _edits)
        {
            text.Remove(position, delete).Insert(position, insert);
        }
        return text.Length;
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
