namespace CollabApp.Tests.Hosting;

/// <summary>The two ways the app runs; tests that cover both are theories over this.</summary>
public enum AppMode
{
    Embedded,
    Scaled,

    /// <summary>Scaled on the test Redis Cluster (3 primaries, 3 replicas): sharded room channels, replica-confirmed acknowledgements.</summary>
    ScaledOnCluster,
}
