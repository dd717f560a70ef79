using BenchmarkDotNet.Attributes;
using CollabApp.Core.Documents;

namespace CollabApp.Benchmarks;

/// <summary>
/// The OT algebra on one keystroke-shaped operation (<c>[retain p, insert/delete, retain rest]</c>), the
/// shape every typing client sends, on a small (100 units) and a large (100k units) document. The
/// "scattered" variants carry ten edits spread over the document, to show the cost per component.
/// </summary>
public class OtCoreBenchmarks
{
    private string _document = string.Empty;
    private DocumentText _gapDocument = DocumentText.From(string.Empty);
    private TextOperation _insert = TextOperation.Empty;
    private TextOperation _deleteBack = TextOperation.Empty;
    private TextOperation _concurrentDelete = TextOperation.Empty;
    private TextOperation _nextInsert = TextOperation.Empty;
    private TextOperation _scatteredA = TextOperation.Empty;
    private TextOperation _scatteredB = TextOperation.Empty;

    [Params(100, 100_000)]
    public int DocumentLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _document = new string([.. Enumerable.Range(0, DocumentLength).Select(_ => (char)('a' + random.Next(26)))]);
        _gapDocument = DocumentText.From(_document);
        var middle = DocumentLength / 2;
        _insert = Keystroke(DocumentLength, middle, "x");
        _deleteBack = new TextOperation.Builder().Retain(middle).Delete(1).Retain(DocumentLength - middle).Build();
        _concurrentDelete = new TextOperation.Builder().Retain(middle / 3).Delete(1).Retain(DocumentLength - middle / 3 - 1).Build();
        _nextInsert = Keystroke(DocumentLength + 1, middle + 1, "y");
        _scatteredA = Scattered(DocumentLength, offset: 0);
        _scatteredB = Scattered(DocumentLength, offset: 3);
    }

    [Benchmark(Description = "Apply keystroke (string)")]
    public string ApplyString() => TextOt.Apply(_document, _insert);

    /// <summary>Insert then delete the same unit, so the gap buffer stays the same size: two operations.</summary>
    [Benchmark(Description = "Apply keystroke (DocumentText)", OperationsPerInvoke = 2)]
    public int ApplyGapBuffer()
    {
        _gapDocument.Apply(_insert);
        _gapDocument.Apply(_deleteBack);
        return _gapDocument.Length;
    }

    [Benchmark(Description = "Transform keystroke x keystroke")]
    public (TextOperation, TextOperation) Transform() => TextOt.Transform(_insert, _concurrentDelete);

    [Benchmark(Description = "Compose keystroke . keystroke")]
    public TextOperation Compose() => TextOt.Compose(_insert, _nextInsert);

    [Benchmark(Description = "Transform scattered (10 edits each)")]
    public (TextOperation, TextOperation) TransformScattered() => TextOt.Transform(_scatteredA, _scatteredB);

    [Benchmark(Description = "Apply scattered (string)")]
    public string ApplyScattered() => TextOt.Apply(_document, _scatteredA);

    private static TextOperation Keystroke(int length, int position, string text) =>
        new TextOperation.Builder().Retain(position).Insert(text).Retain(length - position).Build();

    // Ten edits at evenly spaced positions: insert two units, delete one.
    private static TextOperation Scattered(int length, int offset)
    {
        var builder = new TextOperation.Builder();
        var step = length / 10;
        var position = 0;
        for (var i = 0; i < 10; i++)
        {
            var at = i * step + offset;
            builder.Retain(at - position).Insert("ab").Delete(1);
            position = at + 1;
        }
        return builder.Retain(length - position).Build();
    }
}
