using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Baseline;

/// <summary>
/// <c>JoinRoom</c>, <c>LeaveRoom</c> and <c>SendMessage</c> with the product's names, arguments and
/// <c>roomEvent</c> envelope (<c>{ eventId, roomId, type, at, data }</c>, data a ChatMessage), so the load tool
/// runs against it unchanged. A room is a SignalR group; nothing is stored, nothing is replayed.
/// </summary>
public sealed class ChatHub : Hub
{
    private static long _sequence;

    public async Task<JoinResult> JoinRoom(string roomId, string? lastEventId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, roomId, Context.ConnectionAborted);
        return new JoinResult(false, null, null);
    }

    public Task LeaveRoom(string roomId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, roomId, Context.ConnectionAborted);

    public async Task<ChatMessage> SendMessage(string roomId, string clientMessageId, string text)
    {
        var at = DateTimeOffset.UtcNow;
        var eventId = $"{at.ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref _sequence)}";
        var user = Context.UserIdentifier ?? Context.ConnectionId;
        var message = new ChatMessage(Guid.NewGuid().ToString(), roomId, clientMessageId, user, user, text.Trim(), at, eventId);
        await Clients.Group(roomId).SendAsync("roomEvent", new RoomEventEnvelope(eventId, roomId, "message", at, message), Context.ConnectionAborted);
        return message;
    }
}

public sealed record JoinResult(bool Resumed, object? State, string? LastEventId);

public sealed record ChatMessage(string Id, string RoomId, string ClientMessageId, string UserId, string UserName, string Text, DateTimeOffset SentAt, string? EventId);

public sealed record RoomEventEnvelope(string? EventId, string RoomId, string Type, DateTimeOffset At, object Data);
