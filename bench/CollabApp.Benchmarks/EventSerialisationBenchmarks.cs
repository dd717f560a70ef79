using System.Buffers;
using BenchmarkDotNet.Attributes;
using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CollabApp.Benchmarks;

/// <summary>
/// Delivering one chat event to 100 hub connections of one instance, as bytes written into each connection's output
/// (one buffer per connection standing in for its pipe), under each hub protocol. Per connection: the product before
/// issue 13 (an invocation built and serialised for every connection, what <c>Clients.Client(id).SendAsync</c> does),
/// then now (<see cref="SerializedRoomEvents"/>: serialised by the first connection, the bytes copied for the rest).
/// Each invocation is a new event, as on the wire, so the shared form is made once per invocation, never carried over.
/// </summary>
[MemoryDiagnoser]
public class EventSerialisationBenchmarks
{
    private const int Connections = 100;

    private readonly ArrayBufferWriter<byte>[] _outputs = [.. Enumerable.Range(0, Connections).Select(_ => new ArrayBufferWriter<byte>(1024))];
    private readonly SerializedRoomEvents _serialized = new();
    private IHubProtocol _protocol = null!;
    private long _sequence;

    [Params("json", "messagepack")]
    public string Protocol { get; set; } = "json";

    [GlobalSetup]
    public void Setup()
    {
        var json = new JsonHubProtocolOptions();
        _protocol = Protocol == "json"
            ? new JsonHubProtocol(Options.Create(json))
            : new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions
            {
                SerializerOptions = JsonShapedMessagePack.Options(json.PayloadSerializerOptions),
            }));
    }

    [Benchmark(Baseline = true, Description = "serialised per connection (before)")]
    public long PerConnection()
    {
        var roomEvent = NextEvent();
        long written = 0;
        foreach (var output in _outputs)
        {
            output.ResetWrittenCount();
            _protocol.WriteMessage(new InvocationMessage(RoomEventEnvelope.ClientMethod, [RoomEventEnvelope.From(roomEvent)]), output);
            written += output.WrittenCount;
        }
        return written;
    }

    [Benchmark(Description = "serialised once, bytes shared (now)")]
    public long Once()
    {
        var roomEvent = NextEvent();
        long written = 0;
        foreach (var output in _outputs)
        {
            output.ResetWrittenCount();
            output.Write(_serialized.Of(roomEvent).GetSerializedMessage(_protocol).Span);
            written += output.WrittenCount;
        }
        return written;
    }

    private RoomEvent NextEvent()
    {
        var sequence = ++_sequence;
        var at = DateTimeOffset.UnixEpoch.AddSeconds(sequence);
        var eventId = $"{1_700_000_000_000 + sequence}-0";
        var message = new ChatMessage(
            Guid.NewGuid().ToString(), "lobby", Guid.NewGuid().ToString(), "u-1234", "Ada Lovelace",
            "Meet at the usual place at half past four? I'll bring the notes from Tuesday.", at, eventId);
        return new RoomEvent(eventId, "lobby", ChatEventTypes.Message, at, message);
    }
}
