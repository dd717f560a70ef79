using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabApp.Components.Presence;

/// <summary>
/// The room's people, once each however many tabs they have open. Presence events say when a user comes,
/// goes or changes status, but not when they open a second tab, so on every change (and now and then) the
/// list is re-read for exact device counts; a departure is shown at once. Also reports this tab idle or
/// hidden as "away" through idle.mjs:
/// the status of this tab only, so the user shows away once all their tabs are.
/// </summary>
public sealed partial class PresencePanel
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposing = new();
    private List<PresenceEntry> _entries = [];
    private NameLookups _names = default!;
    private DotNetObjectReference<PresencePanel>? _self;
    private BrowserModule _browser = default!;
    private ITimer? _refresh;

    [Inject]
    private CollabApp.Protection.CircuitActionLimiter Limiter { get; set; } = default!;

    [Inject]
    private PresenceService Presence { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<PresencePanel> Logger { get; set; } = default!;

    protected override void OnInitialized()
    {
        _names = new NameLookups(Names, () => InvokeAsync(StateHasChanged));
        _browser = new BrowserModule(JS, "./js/presence/idle.mjs", _disposing.Token);
        Connection.SnapshotLoaded += OnSnapshotAsync;
        Connection.PresenceChanged += OnPresenceAsync;
        Connection.Restarted += ReloadAsync;
        if (Connection.State is { } state)
        {
            Show(state.Online);
        }
        _refresh = Time.CreateTimer(_ => _ = ReloadAsync(), null, RefreshEvery, RefreshEvery);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        _self = DotNetObjectReference.Create(this);
        if (await _browser.LoadAsync())
        {
            await _browser.AttachAsync("watch", _self, BrowserJson.Of(new { idleMs = (int)IdleAfter.TotalMilliseconds }));
        }
    }

    /// <summary>Called by idle.mjs: "away" after two quiet minutes or while the tab is hidden, "online" on activity.</summary>
    [JSInvokable]
    public async Task ReportStatus(string status)
    {
        // A refused report is dropped: idle.mjs reports again on the next change of activity.
        if (!PresenceStatus.IsSettable(status) || !Limiter.TryAcquire())
        {
            return;
        }
        await Connection.SetStatusAsync(status, _disposing.Token);
    }

    private Task OnSnapshotAsync(RoomState state) => InvokeAsync(() =>
    {
        Show(state.Online);
        StateHasChanged();
    });

    private async Task OnPresenceAsync(PresenceChange change)
    {
        await InvokeAsync(() =>
        {
            var index = _entries.FindIndex(e => e.UserId == change.UserId);
            if (change.Status == PresenceStatus.Offline)
            {
                _entries.RemoveAll(e => e.UserId == change.UserId);
            }
            else if (index >= 0)
            {
                _entries[index] = _entries[index] with { Status = change.Status };
            }
            else
            {
                _entries.Add(new PresenceEntry(change.UserId, change.UserName, change.Status, 1, Time.GetUtcNow()));
                _entries = Sorted(_entries);
            }
            StateHasChanged();
        });
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            var online = await Presence.GetOnlineAsync(Room.RoomId, _disposing.Token);
            await InvokeAsync(() =>
            {
                Show(online);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e)
        {
            LogReadFailed(Logger, e, Room.RoomId);
        }
    }

    private void Show(IEnumerable<PresenceEntry> entries) => _entries = Sorted(entries);

    private static List<PresenceEntry> Sorted(IEnumerable<PresenceEntry> entries) =>
        [.. entries.OrderBy(e => e.UserName, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.UserId, StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.PresenceChanged -= OnPresenceAsync;
        Connection.Restarted -= ReloadAsync;
        _refresh?.Dispose();
        // Cancelling first tells the browser module too (it is gone from then on, before anything here waits).
        await _disposing.CancelAsync();
        await _browser.DisposeAsync();
        _self?.Dispose();
        _disposing.Dispose();
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Reading who is online in {RoomId} failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string roomId);
}
