using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CollabApp.Core.Documents;
using Xunit.Abstractions;

namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// Replays Martin Kleppmann's automerge-paper editing trace (259,778 single-character edits, CC-BY 4.0,
/// see testdata/README.md) through <see cref="DocumentText"/> and checks the final text.
/// Timings are printed, never asserted; benchmarks live elsewhere.
/// </summary>
public class TraceReplayTests(ITestOutputHelper output)
{
    private const string TraceFile = "automerge-paper-trace.json.gz";
    private const int ExpectedLength = 104_852;
    private const string ExpectedSha256 = "a489e9022976c14e46627aea174d07797edcb3fd17df42605956d4cf01bf9039";

    [Fact]
    public void Replay_AutomergePaperTrace_ProducesTheKnownText()
    {
        var path = RepoPaths.TestData(TraceFile);

        var edits = ReadEdits(path);
        var stopwatch = Stopwatch.StartNew();
        var document = DocumentText.From("");
        foreach (var (position, deleteCount, text) in edits)
        {
            document.Apply(new TextOperation.Builder()
                .Retain(position)
                .Delete(deleteCount)
                .Insert(text)
                .Retain(document.Length - position - deleteCount)
                .Build());
        }
        stopwatch.Stop();
        var final = document.ToString();
        output.WriteLine($"replayed {edits.Count} edits (op build + validate + apply) in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(259_778, edits.Count);
        Assert.Equal(ExpectedLength, final.Length);
        Assert.Equal(ExpectedSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(final))));
    }

    private static List<(int Position, int DeleteCount, string Text)> ReadEdits(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var edits = new List<(int, int, string)>(json.RootElement.GetArrayLength());
        foreach (var edit in json.RootElement.EnumerateArray())
        {
            edits.Add((edit[0].GetInt32(), edit[1].GetInt32(), edit[2].GetString()!));
        }
        return edits;
    }
}
