using Microsoft.JSInterop;

namespace CollabApp.Components.Shared;

/// <summary>
/// The ways a call into the browser fails that say nothing about the app: the browser gone (the circuit ended with its
/// tab), the page's script throwing on something already torn down, or the answer lost with a dropped connection (the
/// interop call times out). A best-effort call (a release, a title, forgetting a sent draft) ignores exactly these.
/// </summary>
public static class BrowserCallFailure
{
    public static bool IsExpected(Exception e) => e is JSDisconnectedException or JSException or OperationCanceledException;
}
