namespace CollabApp.E2E.Infrastructure;

/// <summary>A test body's failure, its message followed by what the browsers showed and logged when it failed.</summary>
public sealed class ScenarioFailedException(Exception failure, string browsers)
    : Exception($"{failure.Message}\n--- the browsers when it failed ---\n{browsers}", failure);
