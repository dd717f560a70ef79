using CollabApp.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CollabApp.E2E.Foundation;

/// <summary>/admin: live figures for the administrators named in configuration, "No access" for everyone else.</summary>
public sealed class AdminPageTests
{
    [Fact]
    public async Task Admins_SeeTheLiveInstanceFigures_OthersDoNot()
    {
        var adminName = Names.User();
        await using var app = await AppInstance.StartAsync(new AppInstanceOptions
        {
            InstanceId = "solo",
            Environment = new Dictionary<string, string> { ["Collab__Admins__0"] = adminName },
        });
        await using var browsers = await Browsers.LaunchAsync();
        await browsers.RunAsync(app.BaseUrl, async scenario =>
        {
            var admin = await scenario.NewUserAsync(adminName);
            var visitor = await scenario.NewUserAsync();
            await admin.RegisterAsync();
            await visitor.RegisterAsync();

            await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
            await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Cluster", Level = 1 })).ToBeVisibleAsync();
            await Expect(admin.Page.Locator("[data-testid=instance-row][data-instance=solo]")).ToBeVisibleAsync();

            await Expect(visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
            await visitor.Page.GotoAsync("/admin");
            await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        }, nameof(Admins_SeeTheLiveInstanceFigures_OthersDoNot));
    }
}
