namespace CollabApp.Tests.Hosting;

/// <summary>The real servers the test command starts (eng/test.sh). Missing ones fail the test loudly.</summary>
public static class TestEnvironment
{
    public static string Postgres => Require("COLLAB_TEST_POSTGRES");

    public static string Redis => Require("COLLAB_TEST_REDIS");

    public static string? RedisServerBinary => Environment.GetEnvironmentVariable("COLLAB_TEST_REDIS_SERVER");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through eng/test.sh, which starts the servers.");
}
