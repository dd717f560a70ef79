using CollabApp.Core;
using CollabApp.Observability;

namespace CollabApp.Protection;

/// <summary>
/// The browser UI's side of the hub's per-call limit: every call a room page makes on a person's behalf (send a
/// message, change a to-do, submit or resync the editor, move the cursor, report the status, say "typing") goes
/// through the same <see cref="HubCallLimiter"/> as a hub call, with one bucket per circuit. Over it, the action is
/// refused like a hub call would be (<c>rate-limited:</c>), and the panel says calmly to slow down or retries later.
/// </summary>
public sealed class CircuitActionLimiter(HubCallLimiter calls, CollabMetrics metrics) : IDisposable
{
    private readonly string _key = "circuit:" + Guid.NewGuid().ToString("N");

    /// <exception cref="CollabError">rate-limited, when this circuit acts faster than the limit.</exception>
    public void Require()
    {
        if (calls.Check(_key) != CallVerdict.Allowed)
        {
            metrics.RateLimited("circuit");
            metrics.Refused("rate-limited");
            throw CollabError.RateLimited("too many actions at once; slow down.");
        }
    }

    /// <summary>False (and counted) when this circuit acts faster than the limit; for actions that are simply dropped.</summary>
    public bool TryAcquire()
    {
        try
        {
            Require();
            return true;
        }
        catch (CollabError)
        {
            return false;
        }
    }

    public void Dispose() => calls.Forget(_key);
}
