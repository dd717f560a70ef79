using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabApp.Components.Rooms;

/// <summary>
/// Tells the circuit's room pages when the browser came back after losing its connection. The circuit
/// itself kept running meanwhile, but whatever it sent to the browser (renders aside, which Blazor
/// replays) may be lost, JS interop calls in particular, so the pages catch up: the room connection
/// rejoins from its last event id and the editor re-delivers its operations. A handler's failure (a store down while
/// presence is suspended or resumed) is logged and the others still run: thrown from here, it would end the circuit
/// at the moment the browser came back for it.
/// </summary>
public sealed partial class CircuitConnectionEvents(ILogger<CircuitConnectionEvents> logger) : CircuitHandler
{
    private volatile bool _wasDown;

    public event Func<Task>? Reconnected;

    /// <summary>
    /// Whether the browser's connection is down now (the circuit waiting for it). A navigation the server starts
    /// meanwhile cannot reach the browser, and its failure would end the circuit: pages wait for <see cref="Reconnected"/>.
    /// </summary>
    public bool IsBrowserAway => _wasDown;

    /// <summary>The browser's connection dropped; the circuit may still come back within its retention period.</summary>
    public event Func<Task>? Disconnected;

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        await RaiseAsync(Disconnected, "down");
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_wasDown)
        {
            return;
        }
        _wasDown = false;
        await RaiseAsync(Reconnected, "up");
    }

    private async Task RaiseAsync(Func<Task>? handlers, string change)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            try
            {
                await handler();
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e, change);
            }
        }
    }

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "A room page could not follow its browser's connection going {Change}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string change);
}
