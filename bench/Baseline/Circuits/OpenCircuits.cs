using System.Globalization;

namespace CollabApp.Baseline.Circuits;

/// <summary>
/// The number of Blazor circuits open, written at <c>/metrics</c> as the product's <c>collab_circuits</c> gauge, so the
/// load tool's circuits mode waits for every tab's circuit here exactly as it does against the product.
/// </summary>
public sealed class OpenCircuits
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Opened() => Interlocked.Increment(ref _count);

    public void Closed() => Interlocked.Decrement(ref _count);

    /// <summary>One gauge in Prometheus text format: the load tool reads lines starting <c>collab_circuits</c> and
    /// takes the number after the last space, so no labels are needed and no timestamp may follow.</summary>
    public string PrometheusText() =>
        string.Create(CultureInfo.InvariantCulture, $"# TYPE collab_circuits gauge\ncollab_circuits {Count}\n");
}
