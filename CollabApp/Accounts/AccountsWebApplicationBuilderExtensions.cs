using CollabApp.Core.Rooms;
using CollabApp.Hosting;
using CollabApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CollabApp.Accounts;

public static class AccountsWebApplicationBuilderExtensions
{
    /// <summary>The scheme that picks bearer tokens (API and hub clients) or the sign-in cookie (browsers).</summary>
    public const string SmartScheme = "collab";

    /// <summary>
    /// Accounts on ASP.NET Core Identity: cookie sign-in for the UI, bearer tokens for hub and API clients.
    /// Requests to the API or hub without credentials get 401, never a redirect to the sign-in page.
    /// </summary>
    public static WebApplicationBuilder AddCollabAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SigningKey>();
        builder.Services.AddSingleton<TokenIssuer>();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer or cookie", options =>
            {
                options.ForwardDefaultSelector = context => HasBearerToken(context.Request)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme;
            })
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents
                {
                    // WebSockets and server-sent events cannot send headers: the token comes as a query parameter.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments(AppRoutes.Hubs.Prefix)
                            && context.Request.Query["access_token"] is [{ Length: > 0 } token, ..])
                        {
                            context.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                };
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.LoginPath = AppRoutes.Pages.Login;
                options.LogoutPath = AppRoutes.Pages.Logout;
                options.AccessDeniedPath = AppRoutes.Pages.Login;
                options.Cookie.Name = "collab.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => RefuseOrRedirect(context.Request, context.Response, context.RedirectUri, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RefuseOrRedirect(context.Request, context.Response, context.RedirectUri, StatusCodes.Status403Forbidden);
            }));
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey>((options, key) => options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = AuthOptions.Issuer,
                ValidAudience = AuthOptions.Issuer,
                IssuerSigningKey = key.Key,
                NameClaimType = System.Security.Claims.ClaimTypes.Name,
                ClockSkew = TimeSpan.FromSeconds(30),
            });

        builder.Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = InputRules.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // No lockout after failed attempts: an attacker could trigger it for anyone. AccountThrottle slows
                // guessing per address instead; accounts locked by earlier versions unlock when their time is up.
                options.Lockout.AllowedForNewUsers = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CollabDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>()
            .AddDefaultTokenProviders();
        // Identity's stores take a scoped DbContext; the rest of the app uses the factory.
        builder.Services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CollabDbContext>>().CreateDbContext());
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddSingleton<AccountThrottle>();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments(AppRoutes.Hubs.Prefix) && request.Query.ContainsKey("access_token"));

    private static Task RefuseOrRedirect(HttpRequest request, HttpResponse response, string redirectUri, int status)
    {
        if (request.Path.StartsWithSegments(AppRoutes.Api.Prefix) || request.Path.StartsWithSegments(AppRoutes.Hubs.Prefix))
        {
            response.StatusCode = status;
        }
        else
        {
            response.Redirect(redirectUri);
        }
        return Task.CompletedTask;
    }
}
