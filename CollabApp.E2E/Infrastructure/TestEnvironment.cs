using System.Reflection;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// What the test command (eng/test.sh) provides. A missing variable fails the test loudly: a test that
/// quietly returns when its environment is absent would count as passed.
/// </summary>
public static class TestEnvironment
{
    public static string Chromium => Require("COLLAB_TEST_CHROMIUM");

    public static string Postgres => Require("COLLAB_TEST_POSTGRES");

    public static string Redis => Require("COLLAB_TEST_REDIS");

    /// <summary>redis-server, for tests that run (and kill) a Redis of their own.</summary>
    public static string RedisServer => Require("COLLAB_TEST_REDIS_SERVER");

    public static string Nginx => Require("COLLAB_TEST_NGINX");

    public static string NginxTemplate => Require("COLLAB_TEST_NGINX_TEMPLATE");

    /// <summary>The folder holding CollabApp.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The configuration this test assembly was built in (Debug or Release); the app is run from the same one.</summary>
    public static string Configuration { get; } =
        typeof(TestEnvironment).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("The test assembly has no AssemblyConfiguration attribute.");

    /// <summary>Where traces and screenshots of failed tests go (eng/test.sh's results folder by default).</summary>
    public static string ResultsFolder =>
        Path.Combine(Environment.GetEnvironmentVariable("COLLAB_TEST_RESULTS") is { Length: > 0 } results
            ? results
            : Path.Combine(RepositoryRoot, "artifacts", "test-results"), "e2e");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the E2E tests through eng/test.sh, or export it yourself (see eng/test.sh).");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabApp.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No CollabApp.sln above {AppContext.BaseDirectory}.");
    }
}
