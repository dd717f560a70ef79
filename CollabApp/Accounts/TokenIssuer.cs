using System.Security.Claims;
using CollabApp.Hosting;
using CollabApp.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CollabApp.Accounts;

/// <summary>Issues the bearer tokens hub and API clients sign in with.</summary>
public sealed class TokenIssuer(SigningKey signingKey, IOptions<AuthOptions> options, TimeProvider time)
{
    public (string AccessToken, DateTimeOffset ExpiresAt) Issue(AppUser user)
    {
        var now = time.GetUtcNow();
        var expiresAt = now.AddMinutes(options.Value.TokenLifetimeMinutes);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.UserName!),
                new Claim(CollabClaims.DisplayName, user.DisplayName),
            ]),
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
