using CollabApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CollabApp.Accounts;

/// <summary>Sign-out for the UI (a form post, so it carries the antiforgery token).</summary>
public static class AccountFormEndpoints
{
    public static IEndpointRouteBuilder MapAccountForms(this IEndpointRouteBuilder app)
    {
        app.MapPost(AppRoutes.Pages.Logout, async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // The antiforgery middleware only records its verdict; endpoints that bind no form must check it
            // themselves. Without this check any other site could sign a user out with a hidden form.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                // With a body, so the status-code pages leave the answer alone (they would show "not found").
                return Results.Text("The sign-out form has expired: reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect(AppRoutes.Pages.Login);
        });
        return app;
    }
}
