using System.Net;
using System.Net.Sockets;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Todos;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Tests.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Tests.Persistence;

/// <summary>
/// What every EF store does when its database cannot be reached: Core's <c>unavailable</c>, with nothing of the
/// driver's message (host, port, file) in it, for reads, saves, bulk updates and transactions alike.
/// </summary>
public abstract class DatabaseOutageContractTests
{
    public static TheoryData<string> Calls => [.. StoreCalls.Keys];

    private static readonly Dictionary<string, Func<IDbContextFactory<CollabDbContext>, Task>> StoreCalls = new()
    {
        ["chat: find"] = c => new EfChatStore(c).FindAsync("lobby", "m1", default),
        ["chat: save"] = c => new EfChatStore(c).SaveManyAsync([Message()], default),
        ["chat: apply changes (a transaction)"] = c => new EfChatStore(c).ApplyChangesAsync([new MessageChange(MessageChange.Edited, Message())], default),
        ["read markers: advance"] = c => new EfReadMarkerStore(c).AdvanceAsync("u1", "lobby", new ReadMarker("m1", new EventId(1, 0)), default),
        ["read markers: count unread"] = c => new EfReadMarkerStore(c).CountUnreadAsync("u1", 10, default),
        ["to-dos: add"] = c => new EfTodoStore(c).TryAddAsync("lobby", new TodoItem("t1", "milk", false, 1, 1, TestEvents.At, "u1"), default),
        ["to-dos: list"] = c => new EfTodoStore(c).ListAsync("lobby", default),
        ["documents: load snapshot"] = c => new EfDocumentStore(c).LoadSnapshotAsync("lobby", default),
        ["documents: save operations"] = c => new EfDocumentStore(c).SaveOperationsAsync([new StoredOperation("lobby", TestEvents.Operation(1))], default),
        ["rooms: find"] = c => new EfRoomDirectory(c).FindAsync("lobby", default),
    };

    /// <summary>Options for a database that is not there (nothing listens, or the file cannot be opened).</summary>
    protected abstract void ConfigureUnreachable(DbContextOptionsBuilder<CollabDbContext> options);

    /// <summary>A detail of the unreachable database that the driver's message would name and the error must not.</summary>
    protected abstract string Internals { get; }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task StoreCall_WithTheDatabaseUnreachable_IsUnavailable_WithoutItsDetails(string call)
    {
        var options = new DbContextOptionsBuilder<CollabDbContext>();
        ConfigureUnreachable(options);
        var contexts = new PooledDbContextFactory<CollabDbContext>(options.Options);

        var error = await Assert.ThrowsAsync<CollabError>(() => StoreCalls[call](contexts)).DefaultTimeout();

        Assert.Equal(CollabErrorCode.Unavailable, error.Code);
        Assert.DoesNotContain(Internals, error.Message, StringComparison.Ordinal);
    }

    private static ChatMessage Message() =>
        new("m1", "lobby", "c1", "u1", "ann", "hi", TestEvents.At, new EventId(1, 0).ToString(), TestEvents.At, false, new EventId(1, 1).ToString());
}

/// <summary>PostgreSQL on a port where nothing listens: the connection is refused.</summary>
public sealed class PostgresOutageContractTests : DatabaseOutageContractTests
{
    private readonly int _closedPort = ClosedPort();

    protected override string Internals => _closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override void ConfigureUnreachable(DbContextOptionsBuilder<CollabDbContext> options) =>
        options.UseCollabPostgres($"Host=127.0.0.1;Port={_closedPort};Username=postgres;Database=collab;Timeout=5;Pooling=false");

    // A port that was free a moment ago; nothing in the test run listens on ports it did not ask the system for.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>SQLite with its file in a folder that does not exist: the file cannot be opened.</summary>
public sealed class SqliteOutageContractTests : DatabaseOutageContractTests
{
    private readonly string _folder = "missing-" + Guid.NewGuid().ToString("N");

    protected override string Internals => _folder;

    protected override void ConfigureUnreachable(DbContextOptionsBuilder<CollabDbContext> options) =>
        options.UseCollabSqlite(Path.Combine(Path.GetTempPath(), _folder, "collab.db"));
}
