namespace CollabApp.Tests.Protection;

/// <summary>
/// Tests that count the app's instruments run alone: every app in a test run shares the process, and a meter listener
/// sees each "CollabApp" meter in it, so another test's commits would be counted in this one's /metrics (3 operations
/// read as 5 was seen beside the scaled document hub tests).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}
