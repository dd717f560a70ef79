using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabApp.Observability;

/// <summary>Counts open circuits for <c>collab.circuits</c>.</summary>
public sealed class CircuitCounter(CollabMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
