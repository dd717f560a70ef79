using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabApp.Components.Rooms;

/// <summary>
/// Tells the circuit's room pages when the browser came back after losing its connection. The circuit
/// itself kept running meanwhile, but whatever it sent to the browser (renders aside, which Blazor
/// replays) may be lost, JS interop calls in particular, so the pages catch up: the room connection
/// rejoins from its last event id and the editor re-delivers its operations.
/// </summary>
public sealed class CircuitConnectionEvents : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    /// <summary>The browser's connection dropped; the circuit may still come back within its retention period.</summary>
    public event Func<Task>? Disconnected;

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        foreach (var handler in Disconnected?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown)
        {
            return;
        }
        _wasDown = false;
        foreach (var handler in Reconnected?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }
}
