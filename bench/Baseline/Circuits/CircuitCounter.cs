using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabApp.Baseline.Circuits;

/// <summary>Counts circuits as they open and close (one handler per circuit; the count is the singleton's).</summary>
public sealed class CircuitCounter(OpenCircuits circuits) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.Closed();
        return Task.CompletedTask;
    }
}
