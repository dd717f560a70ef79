using System.Text.RegularExpressions;
using CollabApp.Tests.Core.Documents;

namespace CollabApp.Tests.Conventions;

/// <summary>
/// Core's event log is generic over its payloads: the features (Chat, Todos, Documents, Presence, Rooms) know
/// <c>CollabApp.Core.Events</c> and register their event types with it, and Events knows none of them, so Core's folders
/// have no cycle. Checked by a source scan: every file of Core that declares the namespace <c>CollabApp.Core.Events</c>,
/// with its comments removed, names no feature namespace, neither in a using directive nor in a (partly) qualified
/// name; one of the two is how C# reaches another namespace's type, and no global using of Core may name a feature.
/// </summary>
public sealed partial class EventsKnowNoFeatureTests
{
    private static readonly string CoreFolder = Path.Combine(RepoPaths.Root, "CollabApp.Core");

    [Fact]
    public void NoTypeInCoreEvents_NamesAFeatureNamespace()
    {
        var eventsFiles = Directory.EnumerateFiles(CoreFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Where(f => EventsNamespace().IsMatch(File.ReadAllText(f)))
            .ToList();

        var offending = eventsFiles
            .SelectMany(file => FeatureReferences(File.ReadAllText(file)).Select(line => $"{Path.GetRelativePath(RepoPaths.Root, file)}: {line}"))
            .ToList();

        Assert.True(eventsFiles.Count >= 15, $"found only {eventsFiles.Count} files in namespace CollabApp.Core.Events: is the scan looking at Core?");
        Assert.True(offending.Count == 0, "CollabApp.Core.Events names a feature: " + string.Join("; ", offending));
    }

    [Fact]
    public void NoGlobalUsingOfCore_NamesAFeatureNamespace()
    {
        var globalUsings = Directory.EnumerateFiles(CoreFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .SelectMany(File.ReadLines)
            .Where(line => line.TrimStart().StartsWith("global using", StringComparison.Ordinal))
            .Concat(File.ReadLines(Path.Combine(CoreFolder, "CollabApp.Core.csproj")).Where(line => line.Contains("<Using ", StringComparison.Ordinal)))
            .Where(line => FeatureReference().IsMatch(line))
            .ToList();

        Assert.Empty(globalUsings);
    }

    // The scan would pass vacuously if it could not see a reference: these are the forms the old Events folder used.
    [Theory]
    [InlineData("using CollabApp.Core.Chat;")]
    [InlineData("using Rooms = CollabApp.Core.Rooms;")]
    [InlineData("        MessageChange => typeof(Chat.MessageChange),")]
    [InlineData("    private readonly CollabApp.Core.Documents.IDocumentStore _documents;")]
    [InlineData("    RoomDeleted => typeof(Core.Rooms.RoomDeleted),")]
    public void TheScan_SeesAFeatureReference(string line) => Assert.NotEmpty(FeatureReferences(line));

    [Theory]
    [InlineData("/// <summary>Chat messages, to-dos and Documents.Operations are stored by their feature.</summary>")]
    [InlineData("    public RoomEventCatalog(IEnumerable<RoomEventType> types) // Rooms.Chat registers here")]
    [InlineData("    private readonly FrozenDictionary<string, GroupCommit<RoomEvent>> _byType;")]
    public void TheScan_IgnoresCommentsAndOtherNames(string line) => Assert.Empty(FeatureReferences(line));

    private static IEnumerable<string> FeatureReferences(string source) =>
        source.Split('\n')
            .Select(line => LineComment().Replace(line, "").Trim())
            .Where(code => FeatureReference().IsMatch(code));

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin");

    [GeneratedRegex(@"^\s*namespace\s+CollabApp\.Core\.Events\s*[;{]?\s*$", RegexOptions.Multiline)]
    private static partial Regex EventsNamespace();

    // A feature namespace named in full (CollabApp.Core.Chat), from Core (Core.Chat) or from Core's own namespaces (Chat.X).
    [GeneratedRegex(@"(?<![\w.])(?:(?:CollabApp\.)?Core\.)?(?:Chat|Todos|Documents|Presence|Rooms)(?=\s*[.;])")]
    private static partial Regex FeatureReference();

    [GeneratedRegex(@"//.*$")]
    private static partial Regex LineComment();
}
