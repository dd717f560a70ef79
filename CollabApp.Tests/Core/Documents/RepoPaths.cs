namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// Locates the repository (the directory holding CollabApp.sln, found by walking up from the test
/// binaries) and its test data (testdata/).
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestData(string fileName) => Path.Combine(Root, "testdata", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CollabApp.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no CollabApp.sln above {AppContext.BaseDirectory}");
    }
}
