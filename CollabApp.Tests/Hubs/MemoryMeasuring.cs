namespace CollabApp.Tests.Hubs;

/// <summary>
/// Tests that measure the process's managed memory run alone: every app in a test run shares the process, so another
/// test's allocations would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuring
{
    public const string Name = "Memory measuring";
}
