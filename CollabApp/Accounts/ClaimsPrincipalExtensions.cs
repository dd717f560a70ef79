using System.Security.Claims;
using CollabApp.Core.Rooms;

namespace CollabApp.Accounts;

/// <summary>Reads the acting user from the authenticated principal (never from anything the client sends).</summary>
public static class ClaimsPrincipalExtensions
{
    public static CollabUser? ToCollabUser(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        if (principal.Identity?.IsAuthenticated != true || id is null || name is null)
        {
            return null;
        }
        return new CollabUser(id, name, principal.FindFirstValue(CollabClaims.DisplayName) ?? name);
    }

    public static CollabUser RequireCollabUser(this ClaimsPrincipal principal) =>
        principal.ToCollabUser() ?? throw new InvalidOperationException("an authenticated user is required here");
}
