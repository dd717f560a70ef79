using System.Security.Claims;
using CollabApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CollabApp.Accounts;

/// <summary>Puts the display name into the sign-in cookie, as the bearer token carries it.</summary>
public sealed class DisplayNameClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CollabClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
