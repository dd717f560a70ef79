using CollabApp.Accounts;
using CollabApp.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace CollabApp.Protection;

/// <summary>
/// A signed-in user's circuits take slots among theirs (<c>CircuitsPerUser</c>, across instances) for as long as
/// they live. The circuit hub's negotiation already refused a user at the cap (<see cref="ConnectionCapMiddleware"/>);
/// a circuit that raced past it fails to start here.
/// </summary>
public sealed class CircuitCapHandler(UserConnectionCaps caps, AuthenticationStateProvider authentication, IOptions<LimitsOptions> limits) : CircuitHandler
{
    private string? _userId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User.ToCollabUser();
        if (user is null)
        {
            return;
        }
        if (!await caps.TryOpenAsync(UserConnectionCaps.Circuits, user.UserId, circuit.Id, limits.Value.CircuitsPerUser, cancellationToken))
        {
            throw new InvalidOperationException("rate-limited: too many open pages for this user; close some and reload.");
        }
        _userId = user.UserId;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        _userId is null ? Task.CompletedTask : caps.CloseAsync(UserConnectionCaps.Circuits, _userId, circuit.Id);
}
