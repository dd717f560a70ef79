using System.Text;
using System.Text.Json;
using CollabApp.Core.Documents;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// A room with something in each panel, for the room page's circuit footprint (issue 13): a public room
/// <c>--room ID</c> with <c>--messages 50</c> chat messages, <c>--todos 10</c> to-dos and a document of
/// <c>--document-kb 10</c> KB, written through the hub as one user. The circuits then open <c>/rooms/ID</c>.
/// </summary>
internal static class SeedRoomMode
{
    public static async Task<object> RunAsync(Server server, Options options, CancellationToken cancellationToken)
    {
        if (server.NoAuth)
        {
            throw new ArgumentException("seedroom needs the product (rooms, to-dos, documents)");
        }
        var room = options.String("room", "footprint-room");
        var messages = options.Int("messages", 50);
        var todos = options.Int("todos", 10);
        var documentChars = options.Int("document-kb", 10) * 1024;
        var token = await server.NewUserTokenAsync(1, cancellationToken);
        await server.CreateRoomAsync(token!, room, cancellationToken);
        await using var connection = await server.ConnectAsync(0, token, cancellationToken);
        await connection.InvokeAsync<JsonElement>("JoinRoom", room, null, cancellationToken);
        for (var i = 0; i < messages; i++)
        {
            await connection.InvokeAsync<JsonElement>("SendMessage", room, Guid.NewGuid().ToString(),
                $"Message {i + 1}: a line of ordinary chat, long enough to wrap once on a narrow screen.", cancellationToken);
        }
        for (var i = 0; i < todos; i++)
        {
            await connection.InvokeAsync<JsonElement>("AddTodo", room, Guid.NewGuid().ToString(), $"To-do {i + 1}: follow up on the notes", cancellationToken);
        }
        var document = await connection.InvokeAsync<JsonElement>("OpenDocument", room, cancellationToken);
        var existing = document.GetProperty("text").GetString() ?? "";
        var text = DocumentText(documentChars);
        var op = new TextOperation.Builder().Delete(existing.Length).Insert(text).Build();
        await connection.InvokeAsync<JsonElement>("SubmitOperation", room, document.GetProperty("revision").GetInt32(), op, Guid.NewGuid().ToString(), cancellationToken);
        Console.Error.WriteLine($"seedroom: {room} with {messages} messages, {todos} to-dos, a {text.Length}-character document");
        return new { mode = "seedroom", room, messages, todos, documentChars = text.Length };
    }

    /// <summary>Lines of prose up to <paramref name="length"/> characters, so the editor lays out real lines.</summary>
    private static string DocumentText(int length)
    {
        var text = new StringBuilder(length);
        for (var line = 1; text.Length < length; line++)
        {
            text.Append("Line ").Append(line).Append(": notes from the meeting, decisions taken and who does what next.\n");
        }
        return text.ToString(0, length);
    }
}
