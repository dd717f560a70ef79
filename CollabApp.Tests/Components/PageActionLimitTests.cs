using System.Text.Json;
using Bunit;
using CollabApp.Components.Documents;
using CollabApp.Core;
using CollabApp.Core.Documents;
using CollabApp.Core.Protection;
using CollabApp.Protection;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>
/// Issue 11, deliverable 2: the editor's actions (submit, resync, catch-up, cursor) go through the circuit's per-call
/// limiter, the same one as hub calls: past the burst they are refused and change nothing. The buckets' clock is
/// frozen, so nothing refills while the test runs.
/// </summary>
public sealed class PageActionLimitTests : RoomComponentTest
{
    private const int DefaultCallBurst = 40;

    public PageActionLimitTests()
    {
        Services.AddSingleton(new InMemoryRateLimiter(new FrozenTimestamps()));
        var editor = JSInterop.SetupModule(i => i.Identifier == "attach");
        editor.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task PastTheBurst_EditorActionsAreRefused_AndChangeNothing()
    {
        var connection = NewConnection();
        var cut = Render<DocumentEditor>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);
        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[aria-label=Document]").HasAttribute("readonly")), Wait);

        for (var i = 0; i < DefaultCallBurst - 1; i++)
        {
            await cut.InvokeAsync(() => cut.Instance.UpdateCursor(0, 0, 0)).WaitAsync(Wait);
        }
        var last = await cut.InvokeAsync(() => cut.Instance.SubmitOperation(0, Op("[\"ok\"]"), Guid.NewGuid().ToString())).WaitAsync(Wait);
        var refused = await cut.InvokeAsync(() => cut.Instance.SubmitOperation(1, Op("[2, \"!\"]"), Guid.NewGuid().ToString())).WaitAsync(Wait);
        var resync = await Assert.ThrowsAsync<CollabError>(() => cut.InvokeAsync(() => cut.Instance.RequestResync()).WaitAsync(Wait));
        var catchUp = await Assert.ThrowsAsync<CollabError>(() => cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait));

        Assert.Equal("ok", last);
        Assert.Equal("retry", refused);
        Assert.Equal(CollabErrorCode.RateLimited, resync.Code);
        Assert.Equal(CollabErrorCode.RateLimited, catchUp.Code);
        var document = await Get<DocumentService>().OpenAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal((1, "ok"), (document.Revision, document.Text));
    }

    [Fact]
    public void TheCircuitsLimiter_IsTheHubCallLimiter()
    {
        var calls = Get<HubCallLimiter>();
        using var limiter = new CircuitActionLimiter(calls, Get<CollabApp.Observability.CollabMetrics>());

        var granted = Enumerable.Range(0, DefaultCallBurst + 5).Count(_ => limiter.TryAcquire());

        Assert.Equal(DefaultCallBurst, granted);
        Assert.Throws<CollabError>(limiter.Require);
    }

    private static JsonElement Op(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private sealed class FrozenTimestamps : TimeProvider
    {
        public override long GetTimestamp() => 0;
    }
}
