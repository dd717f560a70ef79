using CollabApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace CollabApp.Accounts;

/// <summary>Sign-out for the UI (a form post, so it carries the antiforgery token).</summary>
public static class AccountFormEndpoints
{
    public static IEndpointRouteBuilder MapAccountForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }
}
