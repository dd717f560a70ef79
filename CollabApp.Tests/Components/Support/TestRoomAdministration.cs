using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Rooms;

namespace CollabApp.Tests.Components.Support;

/// <summary>An in-memory member list with the real rights (<see cref="RoomRights"/>), recording what was asked of it.</summary>
public sealed class TestRoomAdministration : IRoomAdministration
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoomMember> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RoomMember> _members = [];

    public TestRoomAdministration(RoomInfo room, params CollabUser[] people)
    {
        Room = room;
        foreach (var person in people)
        {
            var member = new RoomMember(person.UserId, person.UserName, person.DisplayName, person.UserId == room.OwnerId);
            _people[person.UserName] = member;
            _members.Add(member);
        }
    }

    public RoomInfo Room { get; private set; }

    public bool Deleted { get; private set; }

    public List<string> Calls { get; } = [];

    /// <summary>Someone who has an account but is not a member yet.</summary>
    public void AddAccount(CollabUser person) => _people[person.UserName] = new RoomMember(person.UserId, person.UserName, person.DisplayName, false);

    public Task<IReadOnlyList<RoomMember>> ListAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RoomMember>>([.. _members]);
        }
    }

    public Task<RoomMember> AddAsync(CollabUser actor, string? roomId, string? userName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"add {userName}");
            RoomRights.RequireOwner(Room, actor);
            var person = _people.GetValueOrDefault(userName ?? "") ?? throw CollabError.NotFound($"there is no user '{userName}'.");
            if (!_members.Any(m => m.UserId == person.UserId))
            {
                _members.Add(person);
            }
            return Task.FromResult(person);
        }
    }

    public Task RemoveAsync(CollabUser actor, string? roomId, string? userName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"remove {userName}");
            var person = _people.GetValueOrDefault(userName ?? "") ?? throw CollabError.NotFound($"there is no user '{userName}'.");
            RoomRights.RequireMayRemove(Room, actor, person.UserId);
            _members.RemoveAll(m => m.UserId == person.UserId);
            return Task.CompletedTask;
        }
    }

    public Task<RoomInfo> RenameAsync(CollabUser actor, string? roomId, string? name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add($"rename {name}");
            RoomRights.RequireOwner(Room, actor);
            Room = Room with { Name = name!.Trim() };
            return Task.FromResult(Room);
        }
    }

    public Task DeleteAsync(CollabUser actor, string? roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("delete");
            RoomRights.RequireOwner(Room, actor);
            Deleted = true;
            return Task.CompletedTask;
        }
    }
}
