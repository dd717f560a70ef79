using System.Diagnostics.CodeAnalysis;

namespace CollabApp.Accounts;

/// <summary>
/// Where to send a person after signing in: the <c>returnUrl</c> they came with when it is a path on this
/// site, else <see cref="Fallback"/>. The rule is ASP.NET Core's <c>Url.IsLocalUrl</c> for rooted paths: a
/// single leading slash, not followed by a second slash or a backslash (a browser reads <c>//host</c> and
/// <c>/\host</c> as another site), and no control character anywhere (browsers drop tabs and newlines,
/// so <c>/\t/host</c> would become <c>//host</c>).
/// </summary>
public static class LocalReturnUrl
{
    public const string Fallback = AppRoutes.Pages.Rooms;

    public static string Or(string? returnUrl) => IsLocal(returnUrl) ? returnUrl : Fallback;

    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is ['/', ..]
        && url is not ['/', '/' or '\\', ..]
        && !url.Any(char.IsControl);
}
