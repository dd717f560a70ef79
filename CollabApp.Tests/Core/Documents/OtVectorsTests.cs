namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// Keeps testdata/ot-vectors.json equal to what this engine computes. Set UPDATE_OT_VECTORS=1 to
/// rewrite the file after an intended change, then review and commit the diff.
/// </summary>
public class OtVectorsTests
{
    private static string VectorFile => Path.Combine(RepoPaths.Root, "testdata", "ot-vectors.json");

    [Fact]
    public void Vectors_CommittedFile_MatchesTheEngine()
    {
        var generated = OtVectorSet.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_OT_VECTORS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(VectorFile)!);
            File.WriteAllText(VectorFile, generated);
            return;
        }
        if (!File.Exists(VectorFile))
        {
            Assert.Fail($"{VectorFile} is missing; run the tests with UPDATE_OT_VECTORS=1 to create it");
        }

        var committed = File.ReadAllText(VectorFile).ReplaceLineEndings("\n");
        if (committed != generated)
        {
            Assert.Fail($"{VectorFile} differs from the engine at {FirstDifference(committed, generated)}; " +
                "if the change is intended, rerun with UPDATE_OT_VECTORS=1 and commit the file");
        }
    }

    [Fact]
    public void Vectors_Generated_HaveAboutOneHundredFiftyAsciiCases()
    {
        var generated = OtVectorSet.Generate();

        Assert.All(generated, c => Assert.True(c < 0x80));
        var cases = generated.Split('\n').Count(line => line.TrimStart().StartsWith("\"name\"", StringComparison.Ordinal));
        Assert.InRange(cases, 140, 170);
    }

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
            {
                return $"line {i + 1}: file has {left.Trim()} but the engine gives {right.Trim()}";
            }
        }
        return "line endings";
    }
}
