using System.Text.Json;
using CollabApp.Accounts;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// The public real-time API (<c>/hubs/collab</c>, docs/protocol.md). Method names are protocol names. Every
/// method acts as the authenticated principal and goes through the same Core services as the Blazor UI;
/// errors become <c>code: message</c> in <see cref="CollabHubFilter"/>.
/// </summary>
[Authorize]
public sealed class CollabHub(
    RoomAccess access,
    RoomSessions sessions,
    HubRoomSubscriptions subscriptions,
    ChatService chat,
    ReadMarkerService reads,
    TodoService todos,
    DocumentService documents,
    DocumentOptions documentLimits,
    Microsoft.Extensions.Options.IOptions<Hosting.LimitsOptions> limits,
    PresenceService presence) : Hub
{
    private CollabUser Me => Context.User!.RequireCollabUser();

    private PresenceConnection MyConnection => new(Context.ConnectionId, Me.UserId, Me.UserName);

    public async Task<JoinResult> JoinRoom(string roomId, string? lastEventId)
    {
        var room = await access.RequireAsync(Me, roomId, Context.ConnectionAborted);
        // Each joined room holds a queue and a pump for this connection: bounded, like everything kept per client.
        if (!subscriptions.CanJoin(Context.ConnectionId, room.RoomId, limits.Value.MaxJoinedRoomsPerConnection))
        {
            throw CollabError.Forbidden($"a connection may be in at most {limits.Value.MaxJoinedRoomsPerConnection} rooms at once; leave one first.");
        }
        // away: false keeps the status this connection has in its other rooms (online for a new one).
        var session = await sessions.OpenAsync(room, Me, MyConnection, lastEventId, away: false, Context.ConnectionAborted);
        await subscriptions.AttachAsync(Context, session);
        return session.Joined;
    }

    public async Task LeaveRoom(string roomId)
    {
        var room = await access.RequireAsync(Me, roomId, Context.ConnectionAborted);
        await subscriptions.LeaveAsync(Context.ConnectionId, room.RoomId);
    }

    public Task<ChatMessage> SendMessage(string roomId, string clientMessageId, string text) =>
        chat.SendAsync(Me, roomId, clientMessageId, text, Context.ConnectionAborted);

    public Task<ChatMessage> EditMessage(string roomId, string messageId, string text) =>
        chat.EditAsync(Me, roomId, messageId, text, Context.ConnectionAborted);

    public Task<ChatMessage> DeleteMessage(string roomId, string messageId) =>
        chat.DeleteAsync(Me, roomId, messageId, Context.ConnectionAborted);

    public Task<IReadOnlyList<ChatMessage>> GetMessages(string roomId, string? beforeId, int limit) =>
        chat.GetMessagesAsync(Me, roomId, beforeId, limit, Context.ConnectionAborted);

    public Task MarkRead(string roomId, string messageId) =>
        reads.MarkReadAsync(Me, roomId, messageId, Context.ConnectionAborted);

    public Task Typing(string roomId) => chat.TypingAsync(Me, roomId, Context.ConnectionAborted);

    public Task SetStatus(string status)
    {
        if (!PresenceStatus.IsSettable(status))
        {
            throw CollabError.Invalid("status must be 'online' or 'away'.");
        }
        // This connection's status (one tab); others see the user away only once all their tabs are.
        return presence.SetStatusAsync(MyConnection, status, Context.ConnectionAborted);
    }

    public async Task<IReadOnlyList<PresenceEntry>> GetOnline(string roomId)
    {
        var room = await access.RequireAsync(Me, roomId, Context.ConnectionAborted);
        return await presence.GetOnlineAsync(room.RoomId, Context.ConnectionAborted);
    }

    public Task<IReadOnlyList<TodoItem>> GetTodos(string roomId, string? afterId, int limit) =>
        todos.ListPageAsync(Me, roomId, afterId, limit, Context.ConnectionAborted);

    public Task<TodoItem> AddTodo(string roomId, string id, string title) =>
        todos.AddAsync(Me, roomId, id, title, Context.ConnectionAborted);

    public Task<TodoResult> UpdateTodo(string roomId, string id, int? expectedVersion, TodoPatch patch) =>
        todos.UpdateAsync(Me, roomId, id, expectedVersion, patch, Context.ConnectionAborted);

    public Task<TodoResult> MoveTodo(string roomId, string id, string? beforeId) =>
        todos.MoveAsync(Me, roomId, id, beforeId, Context.ConnectionAborted);

    public Task<TodoResult> DeleteTodo(string roomId, string id, int? expectedVersion) =>
        todos.DeleteAsync(Me, roomId, id, expectedVersion, Context.ConnectionAborted);

    public Task<DocumentState> OpenDocument(string roomId) =>
        documents.OpenAsync(Me, roomId, Context.ConnectionAborted);

    public async Task<SubmitResult> SubmitOperation(string roomId, int revision, JsonElement op, string clientOpId)
    {
        // Refused while reading (too many components, too much text) before any work on the document.
        var operation = TextOperation.ParseSubmitted(op, documentLimits);
        var committed = await documents.SubmitAsync(Me, roomId, revision, operation, clientOpId, Context.ConnectionAborted);
        return new SubmitResult(committed);
    }

    public Task UpdateCursor(string roomId, int revision, int anchor, int head) =>
        documents.UpdateCursorAsync(Me, roomId, revision, anchor, head, Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await subscriptions.LeaveAllAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The answer to <c>SubmitOperation</c>.</summary>
    public sealed record SubmitResult(int Revision);
}
