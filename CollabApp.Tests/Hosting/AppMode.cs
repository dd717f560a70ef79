namespace CollabApp.Tests.Hosting;

/// <summary>The two ways the app runs; tests that cover both are theories over this.</summary>
public enum AppMode
{
    Embedded,
    Scaled,
}
