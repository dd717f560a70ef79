using Bunit;
using CollabApp.Components.Rooms;
using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using CollabApp.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CollabApp.Tests.Components.Support;

/// <summary>
/// bUnit with MudBlazor, loose JS interop, and the real Core services over the embedded in-memory
/// bus, log, document log and presence store, and Core's in-memory stores (some wrapped with test hooks). Time is a manual clock.
/// </summary>
public abstract class RoomComponentTest : BunitContext, IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    protected static readonly CollabUser Alice = new("u-alice", "alice", "Alice");
    protected static readonly CollabUser Bob = new("u-bob", "bob", "Bob");
    protected static readonly RoomInfo Lobby = InMemoryRoomDirectory.Lobby;

    private readonly List<RoomConnection> _connections = [];

    protected RoomComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IRoomDirectory>(Directory);
        Services.AddSingleton<IChatStore>(ChatStore);
        Services.AddSingleton<ITodoStore>(TodoStore);
        Services.AddSingleton<IDocumentStore>(DocumentStore);
        Services.AddSingleton(new EventLogOptions());
        Services.AddSingleton(new DocumentOptions());
        Services.AddSingleton(new PresenceOptions());
        Services.AddSingleton(FanoutOptions);
        Services.AddSingleton<InMemoryRoomEventBus>();
        Services.AddSingleton<IRoomEventBus>(sp => sp.GetRequiredService<InMemoryRoomEventBus>());
        Services.AddSingleton<InMemoryRoomEventLog>();
        Services.AddSingleton(sp => new SwitchableRoomEventLog(sp.GetRequiredService<InMemoryRoomEventLog>()));
        Services.AddSingleton<IRoomEventLog>(sp => sp.GetRequiredService<SwitchableRoomEventLog>());
        Services.AddSingleton<InMemoryDocumentLog>();
        Services.AddSingleton(sp => new SwitchableDocumentLog(sp.GetRequiredService<InMemoryDocumentLog>()));
        Services.AddSingleton<IDocumentLog>(sp => sp.GetRequiredService<SwitchableDocumentLog>());
        Services.AddSingleton<IPresenceStore, InMemoryPresenceStore>();
        Services.AddSingleton<BackplaneStatus>();
        Services.AddSingleton<LocalConnections>();
        Services.AddSingleton<RoomAccess>();
        Services.AddSingleton<RoomFanout>();
        Services.AddSingleton<PresenceService>();
        Services.AddCollabRoomEvents();
        Services.AddSingleton<ChatService>();
        Services.AddSingleton<IReadMarkerStore>(sp => new InMemoryReadMarkerStore(sp.GetRequiredService<IChatStore>()));
        Services.AddSingleton<ReadMarkerService>();
        Services.AddSingleton<TodoService>();
        Services.AddSingleton<DocumentService>();
        Services.AddSingleton<SnapshotSharing>();
        Services.AddSingleton<RoomSessions>();
        Services.AddMetrics();
        Services.AddOptions();
        Services.AddSingleton<CollabApp.Hosting.InstanceIdentity>();
        Services.AddSingleton<CollabApp.Observability.CollabMetrics>();
        Services.AddSingleton<CollabApp.Core.Protection.InMemoryRateLimiter>();
        Services.AddSingleton<CollabApp.Accounts.IDisplayNameSource>(new TestDisplayNames());
        Services.AddCollabRoomUi();
    }

    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero));

    protected InMemoryRoomDirectory Directory { get; } = new();

    protected TestChatStore ChatStore { get; } = new();

    /// <summary>The room event log (its appends can be made to fail).</summary>
    protected SwitchableRoomEventLog EventLog => Get<SwitchableRoomEventLog>();

    protected TestTodoStore TodoStore { get; } = new();

    protected InMemoryDocumentStore DocumentStore { get; } = new();

    protected FanoutOptions FanoutOptions { get; } = new();

    /// <summary>The buttons whose text or accessible name is <paramref name="name"/>.</summary>
    protected static AngleSharp.Dom.IElement[] Buttons<TComponent>(IRenderedComponent<TComponent> cut, string name)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll("button").Where(b => b.TextContent.Trim() == name || b.GetAttribute("aria-label") == name)];

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A room connection for a panel under test (not started: render the panel first).</summary>
    protected RoomConnection NewConnection()
    {
        var connection = Get<RoomConnectionFactory>().Create();
        _connections.Add(connection);
        return connection;
    }

    protected static Task StartAsync(RoomConnection connection, CollabUser user) =>
        connection.StartAsync(Lobby, user, CancellationToken.None).WaitAsync(Wait);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync().WaitAsync(Wait);
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().AsTask().WaitAsync(Wait);
        }
        await DisposeAsync().AsTask().WaitAsync(Wait);
    }
}
