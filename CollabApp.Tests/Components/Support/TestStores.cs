using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Todos;

namespace CollabApp.Tests.Components.Support;

// Component tests' stores: Core's in-memory ones (held to the stores' contract suites) wrapped with the hooks these
// tests need, and display names without the accounts table.

/// <summary>Core's in-memory chat store (checked by the chat store contract suite), with a hook for snapshot races.</summary>
public sealed class TestChatStore : IChatStore
{
    private readonly InMemoryChatStore _inner = new();

    /// <summary>When set, runs once before the next history read (to commit something while a snapshot is read).</summary>
    public Func<Task>? BeforeNextList { get; set; }

    public Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken) =>
        _inner.FindByClientIdAsync(roomId, userId, clientMessageId, cancellationToken);

    public Task SaveManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) =>
        _inner.SaveManyAsync(messages, cancellationToken);

    public Task<ChatMessage?> FindAsync(string roomId, string messageId, CancellationToken cancellationToken) =>
        _inner.FindAsync(roomId, messageId, cancellationToken);

    public Task ApplyChangesAsync(IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken) =>
        _inner.ApplyChangesAsync(changes, cancellationToken);

    public Task<bool> HasAnyAsync(string roomId, CancellationToken cancellationToken) =>
        _inner.HasAnyAsync(roomId, cancellationToken);

    public async Task<IReadOnlyList<ChatMessage>> ListBeforeAsync(string roomId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        if (BeforeNextList is { } before)
        {
            BeforeNextList = null;
            await before();
        }
        // Each read its own copies, down to the strings, as a database read decodes them (SnapshotSharing's tests see it).
        var messages = await _inner.ListBeforeAsync(roomId, beforeId, limit, cancellationToken);
        return [.. messages.Select(m => m with { Id = new string(m.Id.AsSpan()), Text = new string(m.Text.AsSpan()) })];
    }
}

public sealed class TestTodoStore : ITodoStore
{
    private readonly InMemoryTodoStore _inner = new();

    /// <summary>When set, every change waits for it first.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task;
        }
        return await _inner.FindAsync(roomId, id, cancellationToken);
    }

    public Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken) =>
        _inner.ListAsync(roomId, cancellationToken);

    public Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken) =>
        _inner.TryAddAsync(roomId, item, cancellationToken);

    public Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, string kind, CancellationToken cancellationToken) =>
        _inner.TryReplaceAsync(roomId, item, expectedVersion, kind, cancellationToken);

    public Task MarkPublishedAsync(string roomId, string id, int version, CancellationToken cancellationToken) =>
        _inner.MarkPublishedAsync(roomId, id, version, cancellationToken);

    public Task<IReadOnlyList<UnpublishedTodo>> ListUnpublishedAsync(DateTimeOffset changedBefore, int limit, CancellationToken cancellationToken) =>
        _inner.ListUnpublishedAsync(changedBefore, limit, cancellationToken);
}

/// <summary>No display names: the components fall back to user names (the EF source reads the accounts table).</summary>
public sealed class TestDisplayNames : CollabApp.Accounts.IDisplayNameSource
{
    public Task<string?> FindAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
