using CollabApp.Core;
using CollabApp.Protection;

namespace CollabApp.Accounts;

/// <summary>The account API of docs/protocol.md: register and get a bearer token.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup(AppRoutes.Api.Auth).DisableAntiforgery();
        auth.MapPost("/register", async (RegisterRequest? request, AccountService accounts, AccountThrottle throttle, HttpContext context) =>
        {
            if (await throttle.RegisterAsync(ClientAddress.Of(context), context.RequestAborted) is { Allowed: false } refused)
            {
                return refused.ToResult("Too many accounts created from this address; try again later.");
            }
            if (request is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A JSON body is required.");
            }
            try
            {
                var user = await accounts.RegisterAsync(request.UserName, request.Password, request.DisplayName);
                return Results.Created(AppRoutes.Api.User(user.Id), new RegisterResponse(user.Id, user.UserName!, user.DisplayName));
            }
            catch (CollabError e) when (e.Code == CollabErrorCode.Conflict)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: e.Message);
            }
            catch (CollabError e) when (e.Code == CollabErrorCode.Invalid)
            {
                return Results.ValidationProblem(e.Arguments.ToDictionary(), title: "The registration is not valid.");
            }
        });
        auth.MapPost("/token", async (TokenRequest? request, AccountService accounts, TokenIssuer tokens, AccountThrottle throttle, HttpContext context) =>
        {
            // Before the password is checked: a refused guess learns nothing.
            if (await throttle.SignInAsync(ClientAddress.Of(context), request?.UserName, context.RequestAborted) is { Allowed: false } refused)
            {
                return refused.ToResult("Too many sign-in attempts; wait a moment and try again.");
            }
            var user = await accounts.CheckPasswordAsync(request?.UserName, request?.Password);
            if (user is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password.");
            }
            var (accessToken, expiresAt) = tokens.Issue(user);
            return Results.Ok(new TokenResponse(accessToken, expiresAt));
        });
        return app;
    }

    public sealed record RegisterRequest(string? UserName, string? Password, string? DisplayName);

    public sealed record RegisterResponse(string UserId, string UserName, string DisplayName);

    public sealed record TokenRequest(string? UserName, string? Password);

    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
}
