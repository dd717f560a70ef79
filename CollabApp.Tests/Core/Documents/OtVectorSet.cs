using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CollabApp.Core.Documents;
using static CollabApp.Tests.Core.Documents.Ops;

namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// The shared transform vectors (testdata/ot-vectors.json), read by the C# and the browser tests alike:
/// hand-picked edge cases plus seeded random ones, with the results this engine computes. In every
/// transform case <c>a</c> is committed first, so its inserts stay left, and
/// <c>result = apply(apply(doc, a), bPrime)</c>. Each case is checked against the algebra's laws
/// before it is written, so the file never records a wrong answer.
/// </summary>
internal static class OtVectorSet
{
    private const int RandomTransforms = 100;
    private const int RandomComposes = 15;
    private const int RandomInverts = 10;

    private static readonly (string Name, string Doc, string A, string B)[] _transforms =
    [
        ("same-position-inserts", "abc", """[1,"X",2]""", """[1,"Y",2]"""),
        ("inserts-at-start", "abc", """["X",3]""", """["Y",3]"""),
        ("inserts-at-end", "abc", """[3,"X"]""", """[3,"Y"]"""),
        ("inserts-into-empty", "", """["X"]""", """["Y"]"""),
        ("overlapping-deletes", "abcdef", "[1,-3,2]", "[2,-3,1]"),
        ("identical-deletes", "abcdef", "[1,-2,3]", "[1,-2,3]"),
        ("delete-contains-other-delete", "abcdef", "[-6]", "[2,-2,2]"),
        ("insert-inside-concurrent-delete", "abcde", "[1,-3,1]", """[2,"X",3]"""),
        ("insert-at-start-of-concurrent-delete", "abcde", """[2,"X",3]""", "[2,-2,1]"),
        ("insert-at-end-of-concurrent-delete", "abcde", "[1,-2,2]", """[3,"X",2]"""),
        ("replace-same-range", "abc", """[1,"X",-1,1]""", """[1,"Y",-1,1]"""),
        ("delete-all-vs-insert", "abc", "[-3]", """[1,"X",2]"""),
        ("retain-only-a", "abc", "[3]", """[1,"X",-1,1]"""),
        ("retain-only-b", "abc", """[1,"X",-1,1]""", "[3]"),
        ("retain-only-both", "abc", "[3]", "[3]"),
        ("empty-ops", "", "[]", "[]"),
        ("surrogate-delete-vs-insert-after", "a\U0001F600b", "[1,-2,1]", """[3,"\uD83D\uDE01",1]"""),
        ("surrogate-inserts-same-position", "a\U0001F600b", """[1,"\uD834\uDD1E",3]""", """[1,"\uD83D\uDE01",3]"""),
        ("inserts-around-a-pair", "\U0001F600", """["x",2]""", """[2,"y"]"""),
        ("surrogate-overlapping-deletes", "\U0001F600\U0001F601\U0001F602", "[-4,2]", "[2,-4]"),
    ];

    private static readonly (string Name, string Doc, string A, string B)[] _composes =
    [
        ("insert-then-replace-inside-it", "abc", """[2,"XYZ",1]""", """[3,-1,"Q",2]"""),
        ("delete-then-insert", "abc", "[-1,2]", """["Z",2]"""),
        ("insert-then-delete-it", "ab", """[1,"XY",1]""", "[1,-2,1]"),
        ("surrogate-replace", "a\U0001F600", "[1,-2]", """[1,"\uD83D\uDE01"]"""),
        ("retain-only-both", "abc", "[3]", "[3]"),
    ];

    private static readonly (string Name, string Doc, string Op)[] _inverts =
    [
        ("delete", "abc", "[1,-1,1]"),
        ("insert", "abc", """[1,"X",2]"""),
        ("replace-pair", "a\U0001F600b", """[1,-2,"xy",1]"""),
        ("retain-only", "abc", "[3]"),
        ("empty", "", "[]"),
    ];

    /// <summary>The vector file's text: indented JSON, ASCII only, LF line ends.</summary>
    public static string Generate()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("transform");
            foreach (var (name, doc, a, b) in TransformCases())
            {
                WriteTransform(writer, name, doc, a, b);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("compose");
            foreach (var (name, doc, a, b) in ComposeCases())
            {
                WriteCompose(writer, name, doc, a, b);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("invert");
            foreach (var (name, doc, op) in InvertCases())
            {
                WriteInvert(writer, name, doc, op);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return EscapeNonAscii(Encoding.UTF8.GetString(buffer.WrittenSpan)) + "\n";
    }

    private static IEnumerable<(string, string, TextOperation, TextOperation)> TransformCases()
    {
        foreach (var (name, doc, a, b) in _transforms)
        {
            yield return (name, doc, Op(a), Op(b));
        }
        for (var i = 0; i < RandomTransforms; i++)
        {
            var cases = OtCases.FromSeed(1000 + (ulong)i);
            var doc = cases.Text(10);
            yield return ($"random-{i:D3}", doc, cases.Operation(doc), cases.Operation(doc));
        }
    }

    private static IEnumerable<(string, string, TextOperation, TextOperation)> ComposeCases()
    {
        foreach (var (name, doc, a, b) in _composes)
        {
            yield return (name, doc, Op(a), Op(b));
        }
        for (var i = 0; i < RandomComposes; i++)
        {
            var cases = OtCases.FromSeed(2000 + (ulong)i);
            var doc = cases.Text(10);
            var a = cases.Operation(doc);
            yield return ($"random-{i:D3}", doc, a, cases.Operation(TextOt.Apply(doc, a)));
        }
    }

    private static IEnumerable<(string, string, TextOperation)> InvertCases()
    {
        foreach (var (name, doc, op) in _inverts)
        {
            yield return (name, doc, Op(op));
        }
        for (var i = 0; i < RandomInverts; i++)
        {
            var cases = OtCases.FromSeed(3000 + (ulong)i);
            var doc = cases.Text(10);
            yield return ($"random-{i:D3}", doc, cases.Operation(doc));
        }
    }

    private static void WriteTransform(Utf8JsonWriter writer, string name, string doc, TextOperation a, TextOperation b)
    {
        var (aPrime, bPrime) = TextOt.Transform(a, b);
        var result = TextOt.Apply(TextOt.Apply(doc, a), bPrime);
        Check(result == TextOt.Apply(TextOt.Apply(doc, b), aPrime), name, "transform does not converge");
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("doc", doc);
        WriteOp(writer, "a", a);
        WriteOp(writer, "b", b);
        WriteOp(writer, "aPrime", aPrime);
        WriteOp(writer, "bPrime", bPrime);
        writer.WriteString("result", result);
        writer.WriteEndObject();
    }

    private static void WriteCompose(Utf8JsonWriter writer, string name, string doc, TextOperation a, TextOperation b)
    {
        var composed = TextOt.Compose(a, b);
        var result = TextOt.Apply(doc, composed);
        Check(result == TextOt.Apply(TextOt.Apply(doc, a), b), name, "compose differs from applying both");
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("doc", doc);
        WriteOp(writer, "a", a);
        WriteOp(writer, "b", b);
        WriteOp(writer, "composed", composed);
        writer.WriteString("result", result);
        writer.WriteEndObject();
    }

    private static void WriteInvert(Utf8JsonWriter writer, string name, string doc, TextOperation op)
    {
        var inverse = TextOt.Invert(op, doc);
        Check(TextOt.Apply(TextOt.Apply(doc, op), inverse) == doc, name, "inverse does not restore the document");
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("doc", doc);
        WriteOp(writer, "op", op);
        WriteOp(writer, "inverse", inverse);
        writer.WriteEndObject();
    }

    /// <summary>Each op on one line, in the compact form the hub sends.</summary>
    private static void WriteOp(Utf8JsonWriter writer, string property, TextOperation op)
    {
        writer.WritePropertyName(property);
        writer.WriteRawValue(JsonSerializer.Serialize(op));
    }

    private static void Check(bool holds, string name, string law)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"vector {name}: {law}");
        }
    }

    /// <summary>Non-ASCII appears only inside JSON strings, where \uXXXX is an equivalent spelling.</summary>
    private static string EscapeNonAscii(string json)
    {
        var result = new StringBuilder(json.Length);
        foreach (var c in json)
        {
            if (c < 0x80)
            {
                result.Append(c);
            }
            else
            {
                result.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return result.ToString();
    }
}
