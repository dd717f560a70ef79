using BenchmarkDotNet.Attributes;
using CollabApp.Bench;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;

namespace CollabApp.Benchmarks;

/// <summary>
/// The trace submitted edit by edit to the in-process sequencer: <see cref="DocumentService.SubmitAsync"/> over
/// <see cref="InMemoryDocumentLog"/> (room stream and bus in memory) and a dictionary document store, one client
/// always at the head (no transform needed), as the embedded mode runs without network or database.
/// Each invocation starts a fresh service, so SubmitAsync's first call also loads and seeds the document.
/// </summary>
public class SequencerReplayBenchmarks
{
    private const int FullTrace = 259_778;
    private const string RoomId = "bench";

    private readonly CollabUser _user = new("u-bench", "bench", "Bench");
    private TextOperation[] _operations = [];
    private string[] _clientOpIds = [];
    private DocumentService _service = null!;

    [GlobalSetup]
    public void Setup()
    {
        _operations = TraceOperations.Build(EditTrace.Load());
        _clientOpIds = [.. _operations.Select(_ => Guid.NewGuid().ToString())];
    }

    [IterationSetup]
    public void NewService()
    {
        var time = TimeProvider.System;
        var bus = new InMemoryRoomEventBus();
        var events = new InMemoryRoomEventLog(bus, new EventLogOptions(), time);
        var options = new DocumentOptions();
        var log = new InMemoryDocumentLog(events, options);
        var store = new InMemoryDocumentStore();
        var persister = new EventPersister(events, [new OperationPersistence(store)]);
        var rooms = new InMemoryRoomDirectory();
        rooms.Save(new RoomInfo(RoomId, "Bench", IsPrivate: false, OwnerId: null));
        _service = new DocumentService(new RoomAccess(rooms), log, store, persister, bus, options, time);
    }

    [Benchmark(Description = "DocumentService.SubmitAsync, full trace", OperationsPerInvoke = FullTrace)]
    public async Task<int> ReplayThroughSequencer()
    {
        var revision = 0;
        for (var i = 0; i < _operations.Length; i++)
        {
            revision = await _service.SubmitAsync(_user, RoomId, revision, _operations[i], _clientOpIds[i], CancellationToken.None);
        }
        if (revision != FullTrace)
        {
            throw new InvalidOperationException($"ended at revision {revision}, expected {FullTrace}");
        }
        return revision;
    }
}
