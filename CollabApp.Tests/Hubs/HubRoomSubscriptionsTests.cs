using System.Security.Claims;
using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Hubs;
using CollabApp.Tests.Components.Support;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// A hub connection's rooms against its disconnect, on the real Core services over the in-memory adapters (the
/// component tests' set): the interleavings are called in order, as SignalR runs them, with no server in between.
/// </summary>
public sealed class HubRoomSubscriptionsTests : RoomComponentTest
{
    private static readonly RoomInfo Den = new("den", "Den", IsPrivate: false, OwnerId: null);
    private readonly FailingPresenceStore _presenceStore = new(new InMemoryPresenceStore());

    public HubRoomSubscriptionsTests()
    {
        Directory.Save(Den);
        Services.AddSingleton<IPresenceStore>(_presenceStore);
        Services.AddSingleton<HubConnections>();
        Services.AddSingleton<SerializedRoomEvents>();
        Services.AddSingleton<HubRoomSubscriptions>();
    }

    [Fact]
    public async Task AJoinFinishingAfterTheDisconnectLeftEveryRoom_LeavesTheRoom()
    {
        var caller = Connect();
        var session = await OpenAsync(caller, Lobby);
        var subscriptions = Get<HubRoomSubscriptions>();
        // SignalR aborts the connection, runs OnDisconnectedAsync, and only then forgets the connection.
        caller.Abort();
        await subscriptions.LeaveAllAsync(caller.ConnectionId).WaitAsync(Wait);

        await subscriptions.AttachAsync(caller, session).WaitAsync(Wait);

        Assert.True(session.HasLeft);
        Assert.Equal(0, Get<RoomFanout>().SubscriberCount);
        Assert.Empty(await Get<PresenceService>().GetOnlineAsync(Lobby.RoomId, CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task LeavingEveryRoom_WhenOneRoomCannotBeLeft_StillLeavesTheOthers()
    {
        var caller = Connect();
        var subscriptions = Get<HubRoomSubscriptions>();
        var sessions = new[] { await OpenAsync(caller, Lobby), await OpenAsync(caller, Den) };
        foreach (var session in sessions)
        {
            await subscriptions.AttachAsync(caller, session).WaitAsync(Wait);
        }
        _presenceStore.FailNextRemove = CollabError.Unavailable("the presence store is unreachable.");

        caller.Abort();
        await subscriptions.LeaveAllAsync(caller.ConnectionId).WaitAsync(Wait);

        Assert.All(sessions, s => Assert.True(s.HasLeft));
        Assert.Equal(0, Get<RoomFanout>().SubscriberCount);
        // The room whose leave failed keeps its entry until the TTL; the other one is left now.
        var presence = Get<PresenceService>();
        var stillOnline = (await presence.GetOnlineAsync(Lobby.RoomId, CancellationToken.None).WaitAsync(Wait)).Count
            + (await presence.GetOnlineAsync(Den.RoomId, CancellationToken.None).WaitAsync(Wait)).Count;
        Assert.Equal(1, stillOnline);
    }

    private TestCaller Connect()
    {
        var connection = new HubConnectionContext(
            new DefaultConnectionContext("hub-" + Guid.NewGuid().ToString("N")), new HubConnectionContextOptions(), NullLoggerFactory.Instance);
        Get<HubConnections>().Opened(connection);
        return new TestCaller(connection.ConnectionId);
    }

    private Task<RoomSession> OpenAsync(TestCaller caller, RoomInfo room) =>
        Get<RoomSessions>().OpenAsync(room, Alice, new PresenceConnection(caller.ConnectionId, Alice.UserId, Alice.UserName), null, away: false, CancellationToken.None)
            .WaitAsync(Wait);

    /// <summary>The hub's view of one connection: its id, and the abort SignalR signals before OnDisconnectedAsync.</summary>
    private sealed class TestCaller(string connectionId) : HubCallerContext
    {
        private readonly CancellationTokenSource _aborted = new();

        public override string ConnectionId => connectionId;

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => _aborted.Token;

        public override void Abort() => _aborted.Cancel();
    }

    /// <summary>The in-memory presence store, whose next removal can be made to fail (the store is down for it).</summary>
    private sealed class FailingPresenceStore(InMemoryPresenceStore inner) : IPresenceStore
    {
        private Exception? _failNextRemove;

        public Exception? FailNextRemove
        {
            set => Volatile.Write(ref _failNextRemove, value);
        }

        public Task<IReadOnlyList<PresenceUpdate>> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken) =>
            Interlocked.Exchange(ref _failNextRemove, null) is { } failure
                ? Task.FromException<IReadOnlyList<PresenceUpdate>>(failure)
                : inner.RemoveConnectionAsync(roomId, connection, cancellationToken);

        public Task<IReadOnlyList<PresenceUpdate>> AddConnectionAsync(string roomId, PresenceConnection connection, bool away, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.AddConnectionAsync(roomId, connection, away, now, cancellationToken);

        public Task RefreshAsync(IReadOnlyCollection<(string RoomId, PresenceConnection Connection)> connections, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.RefreshAsync(connections, now, cancellationToken);

        public Task<IReadOnlyList<PresenceUpdate>> SetStatusAsync(PresenceConnection connection, string status, CancellationToken cancellationToken) =>
            inner.SetStatusAsync(connection, status, cancellationToken);

        public Task<IReadOnlyList<PresenceEntry>> ListAsync(string roomId, CancellationToken cancellationToken) =>
            inner.ListAsync(roomId, cancellationToken);

        public Task<IReadOnlyList<PresenceUpdate>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            inner.ExpireAsync(cutoff, cancellationToken);
    }
}
