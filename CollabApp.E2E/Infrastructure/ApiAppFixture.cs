namespace CollabApp.E2E.Infrastructure;

/// <summary>An embedded-mode app without a browser, for HTTP-only tests.</summary>
public sealed class ApiAppFixture : AppFixture
{
    protected override bool NeedsBrowser => false;
}
