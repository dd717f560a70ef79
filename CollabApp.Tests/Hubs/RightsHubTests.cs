using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>Every room method, called by a stranger to a private room, on an unknown room, and with a bad room id.</summary>
public sealed class RightsHubTests
{
    public static TheoryData<string, object?[]> RoomMethods(string roomId)
    {
        var id = Guid.NewGuid().ToString();
        return new TheoryData<string, object?[]>
        {
            { "JoinRoom", [roomId, null] },
            { "LeaveRoom", [roomId] },
            { "SendMessage", [roomId, id, "hi"] },
            { "EditMessage", [roomId, id, "hi"] },
            { "DeleteMessage", [roomId, id] },
            { "GetMessages", [roomId, null, 10] },
            { "MarkRead", [roomId, id] },
            { "Typing", [roomId] },
            { "GetOnline", [roomId] },
            { "AddTodo", [roomId, id, "t"] },
            { "UpdateTodo", [roomId, id, null, new { done = true }] },
            { "MoveTodo", [roomId, id, null] },
            { "DeleteTodo", [roomId, id, null] },
            { "OpenDocument", [roomId] },
            { "SubmitOperation", [roomId, 0, JsonDocument.Parse("[\"x\"]").RootElement, id] },
            { "UpdateCursor", [roomId, 0, 0, 0] },
        };
    }

    public static TheoryData<string, object?[]> PrivateRoomMethods => RoomMethods("private-room");

    public static TheoryData<string, object?[]> UnknownRoomMethods => RoomMethods("no-such-room");

    public static TheoryData<string, object?[]> BadRoomIdMethods => RoomMethods("Bad Room!");

    [Theory]
    [MemberData(nameof(PrivateRoomMethods))]
    public async Task Stranger_InAPrivateRoom_IsForbidden_AndChangesNothing(string method, object?[] args)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var owner = await room.RegisterAsync();
        await room.CreateRoomAsync(owner, "private-room", isPrivate: true);
        var ownerClient = await room.JoinAsync(owner, "private-room");
        var stranger = await room.ConnectAsync(await room.RegisterAsync());

        await HubErrors.AssertRefusedAsync("forbidden", () => stranger.Connection.InvokeCoreAsync(method, typeof(object), args).WaitAsync(HubClient.Timeout));

        var state = (await ownerClient.InvokeAsync<JsonElement>("JoinRoom", "private-room", null)).GetProperty("state");
        Assert.Equal(0, state.GetProperty("messages").GetArrayLength());
        Assert.Equal(0, state.GetProperty("todos").GetArrayLength());
        Assert.Equal(0, state.GetProperty("document").GetProperty("revision").GetInt32());
        Assert.DoesNotContain(state.GetProperty("online").EnumerateArray(), e => e.GetProperty("userId").GetString() == stranger.User.UserId);
    }

    [Theory]
    [MemberData(nameof(UnknownRoomMethods))]
    public async Task UnknownRoom_IsNotFound(string method, object?[] args)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var client = await room.ConnectAsync(await room.RegisterAsync());

        await HubErrors.AssertRefusedAsync("not-found", () => client.Connection.InvokeCoreAsync(method, typeof(object), args).WaitAsync(HubClient.Timeout));
    }

    [Theory]
    [MemberData(nameof(BadRoomIdMethods))]
    public async Task MalformedRoomId_IsInvalid(string method, object?[] args)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var client = await room.ConnectAsync(await room.RegisterAsync());

        await HubErrors.AssertRefusedAsync("invalid", () => client.Connection.InvokeCoreAsync(method, typeof(object), args).WaitAsync(HubClient.Timeout));
    }

    [Fact]
    public async Task Member_OfAPrivateRoom_MayJoin()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var owner = await room.RegisterAsync();
        var member = await room.RegisterAsync();
        await room.CreateRoomAsync(owner, "team", isPrivate: true);
        var added = await room.Http.SendAsync(owner.Authorized(HttpMethod.Post, "/api/rooms/team/members", new { userName = member.UserName }));
        added.EnsureSuccessStatusCode();
        var client = await room.ConnectAsync(member);

        var join = await client.InvokeAsync<JsonElement>("JoinRoom", "team", null);

        Assert.Equal("team", join.GetProperty("state").GetProperty("roomId").GetString());
    }
}
