using System.Net;
using System.Text.RegularExpressions;

namespace CollabApp.Tests.Hosting;

/// <summary>
/// What a browser does with the account forms, over plain HTTP: keeps cookies, does not follow redirects
/// (tests look at where they point), and reads the antiforgery token a page's form carries.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClient _http;

    public BrowserSession(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
        };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>The <c>__RequestVerificationToken</c> of the first form on the page at <paramref name="path"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var html = await _http.GetStringAsync(path);
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields));

    /// <summary>Submits the sign-in form at <c>/account/login?returnUrl=…</c> as a browser would.</summary>
    public async Task<HttpResponseMessage> SignInAsync(TestUser user, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/account/login" : "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = await AntiforgeryTokenAsync(path);
        return await PostFormAsync(path, new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = user.UserName,
            ["Input.Password"] = TestUsers.Password,
        });
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*?value="(?<token>[^"]+)"|value="(?<token>[^"]+)"[^>]*?name="__RequestVerificationToken" """, RegexOptions.None)]
    private static partial Regex TokenInput();
}
