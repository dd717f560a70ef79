namespace CollabApp.Tests.Hosting;

/// <summary>The real servers the test command starts (eng/test.sh). Missing ones fail the test loudly.</summary>
public static class TestEnvironment
{
    public static string Postgres => Require("COLLAB_TEST_POSTGRES");

    public static string Redis => Require("COLLAB_TEST_REDIS");

    /// <summary>The test Redis Cluster's endpoints, comma-separated (3 primaries, 3 replicas).</summary>
    public static string RedisCluster => Require("COLLAB_TEST_REDIS_CLUSTER");

    public static string? RedisServerBinary => Environment.GetEnvironmentVariable("COLLAB_TEST_REDIS_SERVER");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through eng/test.sh, which starts the servers.");
}
