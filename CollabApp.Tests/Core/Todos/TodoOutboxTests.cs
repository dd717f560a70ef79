using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Core.Todos;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Core.Todos;

/// <summary>
/// The to-dos' outbox, on the embedded parts: a change the database took while the room's log refused the append is
/// published later, once, by the sweep; the caller is told the truth meanwhile.
/// </summary>
public class TodoOutboxTests : RoomComponentTest
{
    private TodoService Todos => Get<TodoService>();

    private EventId _first;

    // The first to-do, whose event id the others are read after (the log replays only after an id it issued).
    private async Task<TodoItem> AddFirstAsync(string title)
    {
        var item = await Todos.AddAsync(Alice, "lobby", Guid.NewGuid().ToString(), title, CancellationToken.None).WaitAsync(Wait);
        _first = (await EventLog.GetLatestIdAsync("lobby", CancellationToken.None).WaitAsync(Wait))!.Value;
        return item;
    }

    private async Task<IReadOnlyList<TodoChange>> EventsAfterFirstAsync()
    {
        var replay = await EventLog.ReadAfterAsync("lobby", _first, CancellationToken.None).WaitAsync(Wait);
        Assert.True(replay.Resumable);
        return [.. replay.Events.Select(e => e.Data).OfType<TodoChange>()];
    }

    [Fact]
    public async Task ChangesSavedWhileTheLogIsDown_ArePublishedOnceBySweeping_AndEachCallerWasToldItIsSaved()
    {
        var milk = await AddFirstAsync("Milk");
        EventLog.FailAppends = CollabError.Unavailable("the real-time store is unreachable.");

        var added = await Assert.ThrowsAsync<CollabError>(() => Todos.AddAsync(Alice, "lobby", Guid.NewGuid().ToString(), "Bread", CancellationToken.None)).WaitAsync(Wait);
        var ticked = await Assert.ThrowsAsync<CollabError>(() => Todos.UpdateAsync(Alice, "lobby", milk.Id, null, new TodoPatch(null, true), CancellationToken.None)).WaitAsync(Wait);

        foreach (var refusal in new[] { added, ticked })
        {
            Assert.Equal(CollabErrorCode.Unavailable, refusal.Code);
            Assert.Contains("is saved", refusal.Message, StringComparison.Ordinal);
        }
        EventLog.FailAppends = null;
        // The writer's own moment has not passed yet: nothing younger than the cutoff is touched.
        Assert.Equal(0, await Todos.PublishUnpublishedAsync(Clock.GetUtcNow(), CancellationToken.None).WaitAsync(Wait));

        Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, await Todos.PublishUnpublishedAsync(Clock.GetUtcNow() - TimeSpan.FromSeconds(2), CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(0, await Todos.PublishUnpublishedAsync(Clock.GetUtcNow(), CancellationToken.None).WaitAsync(Wait));

        // Changes to different items, saved at the same moment: published in either order.
        var events = await EventsAfterFirstAsync();
        Assert.Equal(
            [(TodoChange.Added, "Bread", false), (TodoChange.Updated, "Milk", true)],
            events.Select(e => (e.Kind, e.Item.Title, e.Item.Done)).OrderBy(e => e.Title, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADeleteSavedWhileTheLogIsDown_IsPublishedWithTheItemAsItWasLast()
    {
        var milk = await AddFirstAsync("Milk");
        EventLog.FailAppends = CollabError.Unavailable("the real-time store is unreachable.");
        await Assert.ThrowsAsync<CollabError>(() => Todos.DeleteAsync(Alice, "lobby", milk.Id, null, CancellationToken.None)).WaitAsync(Wait);
        EventLog.FailAppends = null;

        Clock.Advance(TimeSpan.FromSeconds(3));
        await Todos.PublishUnpublishedAsync(Clock.GetUtcNow(), CancellationToken.None).WaitAsync(Wait);

        var deleted = Assert.Single(await EventsAfterFirstAsync());
        Assert.Equal((TodoChange.Deleted, milk.Id, milk.Version), (deleted.Kind, deleted.Item.Id, deleted.Item.Version));
        Assert.Empty(await Todos.ListAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task ChangesThatWerePublished_AreNotPublishedAgain()
    {
        var milk = await AddFirstAsync("Milk");
        await Todos.MoveAsync(Alice, "lobby", milk.Id, null, CancellationToken.None).WaitAsync(Wait);

        Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, await Todos.PublishUnpublishedAsync(Clock.GetUtcNow(), CancellationToken.None).WaitAsync(Wait));
        Assert.Single(await EventsAfterFirstAsync());
    }
}
