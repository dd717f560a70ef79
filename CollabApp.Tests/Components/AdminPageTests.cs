using System.Security.Claims;
using Bunit;
using CollabApp.Components.Admin;
using CollabApp.Core;
using CollabApp.Hosting;
using CollabApp.Observability;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>
/// The admin page while the shared store that holds the instances' figures cannot be read: an outage is when the page
/// is looked at, and an exception out of its start or its refresh would end its circuit.
/// </summary>
public sealed class AdminPageTests : RoomComponentTest
{
    private readonly SwitchableStats _stats = new();

    public AdminPageTests()
    {
        Services.AddSingleton<AdminAccess>();
        Services.Configure<CollabOptions>(o => o.Admins = [Alice.UserName]);
        Services.AddSingleton<IInstanceStatsStore>(_stats);
        AddAuthorization().SetAuthorized(Alice.UserName).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, Alice.UserId), new Claim(ClaimTypes.Name, Alice.UserName));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task TheStoreDown_SaysSo_AndTheFiguresComeWhenItIsBack()
    {
        _stats.Failure = CollabError.Unavailable("the real-time store is unreachable.");

        var cut = Render<AdminPage>();

        cut.WaitForAssertion(() => Assert.Contains("cannot be read right now", cut.Find("[data-testid=stats-unavailable]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=instance-row]"));
        _stats.Failure = null;
        await NextIntervalAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("i-1", Assert.Single(cut.FindAll("[data-testid=instance-row]")).GetAttribute("data-instance"));
            Assert.Empty(cut.FindAll("[data-testid=stats-unavailable]"));
        }, Wait);
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task TheStoreFailingLater_KeepsTheLastFiguresRead_WithANotice()
    {
        var cut = Render<AdminPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=instance-row]")), Wait);

        _stats.Failure = CollabError.Unavailable("the real-time store is unreachable.");
        await NextIntervalAsync();

        cut.WaitForAssertion(() => Assert.Contains("these are the last ones read", cut.Find("[data-testid=stats-unavailable]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Single(cut.FindAll("[data-testid=instance-row]"));
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    // The page reads again at the instances' report interval, on the test's clock, once its refresh has started.
    private async Task NextIntervalAsync()
    {
        await CollabApp.Tests.Hosting.Eventually.UntilAsync(() => Clock.TimerCount > 0, "the page's refresh started", Wait);
        Clock.Advance(InstanceStatsReporter.Interval);
    }

    /// <summary>One instance's figures, or a failure while <see cref="Failure"/> is set.</summary>
    private sealed class SwitchableStats : IInstanceStatsStore
    {
        private volatile Exception? _failure;

        public Exception? Failure
        {
            get => _failure;
            set => _failure = value;
        }

        public Task PublishAsync(InstanceStats stats, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<InstanceStats>> ReadAllAsync(CancellationToken cancellationToken) =>
            _failure is { } failure
                ? Task.FromException<IReadOnlyList<InstanceStats>>(failure)
                : Task.FromResult<IReadOnlyList<InstanceStats>>([new InstanceStats("i-1", DateTimeOffset.UtcNow, 1, 2, 3, 4, 0, 0, 0, 1 << 20, 1 << 20, 1, 0, 0)]);
    }
}
