using System.Text.Json;
using CollabApp.Components.Shared;
using CollabApp.Core.Todos;
using Microsoft.JSInterop;

namespace CollabApp.Components.Todos;

/// <summary>
/// Until the server answers, each change is also kept in the browser tab (todo-outbox.mjs): a reload, or the page
/// coming back on another instance after its instance died, sends what is still unanswered again (<see cref="KeptTodoChange"/>).
/// </summary>
public sealed partial class TodoPanel
{
    private bool _restored;

    private IJSObjectReference? Outbox => _browser.Attached;

    // Once the tab's storage is reachable and the list holds the server's items (either may come first): what the
    // previous page left unanswered is made pending again, in order, and sent.
    private async Task RestoreIfReadyAsync()
    {
        if (_restored || Outbox is not { } outbox || Connection.State is null)
        {
            return;
        }
        _restored = true;
        KeptTodoChange[] kept;
        try
        {
            kept = BrowserJson.Read<KeptTodoChange[]>(await outbox.InvokeAsync<JsonElement>("take", _disposing.Token)) ?? [];
        }
        catch (JsonException e)
        {
            LogKeptChangesDropped(Logger, e, Room.RoomId);
            return;
        }
        // Read back from the tab's storage: a null entry is nothing to send.
        foreach (var change in kept.OfType<KeptTodoChange>())
        {
            if (change.Replay(_list) is { } pending)
            {
                await SendAsync(pending, change.Key);
            }
        }
    }

    // Kept before it is sent: the instance may die while the call is on its way. A tab that cannot keep it (storage
    // full or disabled, the browser gone) still sends it.
    private async Task<string?> KeepAsync(PendingTodoChange change, string? key)
    {
        if (Outbox is not { } outbox)
        {
            return null;
        }
        key ??= Guid.NewGuid().ToString("N");
        var kept = KeptTodoChange.From(change, key, _list.ServerItem(change.Id)?.Version);
        try
        {
            await outbox.InvokeVoidAsync("put", _disposing.Token, BrowserJson.Of(kept));
            return key;
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task ForgetAsync(string? key)
    {
        if (key is null || Outbox is not { } outbox || _disposing.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await outbox.InvokeVoidAsync("remove", _disposing.Token, key);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Kept a little too long: the next page finds the change done and sends nothing, or sends it again safely.
        }
    }

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information, Message = "Dropped unreadable kept to-do changes in {RoomId}")]
    private static partial void LogKeptChangesDropped(ILogger logger, Exception exception, string roomId);
}
