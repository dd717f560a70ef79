using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CollabApp.Tests.Hubs;

public sealed class SerializedRoomEventsTests
{
    private static readonly JsonHubProtocolOptions JsonOptions = new();

    private static readonly IHubProtocol[] Protocols =
    [
        new JsonHubProtocol(Options.Create(JsonOptions)),
        new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions { SerializerOptions = JsonShapedMessagePack.Options(JsonOptions.PayloadSerializerOptions) })),
    ];

    [Fact]
    public void EveryConnectionOfAnEvent_GetsTheSameBytes_ThoseSignalRWouldWriteForIt()
    {
        var serialized = new SerializedRoomEvents();
        var roomEvent = NewEvent("hello");

        foreach (var protocol in Protocols)
        {
            var first = serialized.Of(roomEvent).GetSerializedMessage(protocol);
            var again = serialized.Of(roomEvent).GetSerializedMessage(protocol);

            // The same memory, not only equal bytes: the event was serialised once for this protocol.
            Assert.True(first.Equals(again), $"{protocol.Name}: serialised again");
            var perConnection = protocol.GetMessageBytes(new InvocationMessage(RoomEventEnvelope.ClientMethod, [RoomEventEnvelope.From(roomEvent)]));
            Assert.Equal(perConnection.ToArray(), first.ToArray());
        }
    }

    [Fact]
    public void AnotherEvent_IsSerialisedForItself_EvenWithEqualContents()
    {
        var serialized = new SerializedRoomEvents();
        var roomEvent = NewEvent("hello");
        var twin = roomEvent with { };
        var other = NewEvent("bye");

        Assert.NotSame(serialized.Of(roomEvent), serialized.Of(twin));
        var json = Protocols[0];
        Assert.NotEqual(serialized.Of(roomEvent).GetSerializedMessage(json).ToArray(), serialized.Of(other).GetSerializedMessage(json).ToArray());
    }

    private static RoomEvent NewEvent(string text)
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(20_000);
        var message = new ChatMessage(Guid.NewGuid().ToString(), "lobby", Guid.NewGuid().ToString(), "u1", "Ada", text, at, "1728000000000-0");
        return new RoomEvent("1728000000000-0", "lobby", ChatEventTypes.Message, at, message);
    }
}
