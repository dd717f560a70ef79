using CollabApp.Accounts;
using CollabApp.Protection;
using System.Security.Claims;

namespace CollabApp.Rooms;

/// <summary>The rooms API of docs/protocol.md.</summary>
public static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapRoomApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup(AppRoutes.Api.Rooms).RequireAuthorization().DisableAntiforgery();
        rooms.MapGet("/", async (ClaimsPrincipal principal, RoomCatalog catalog, RoomActivity activity, CancellationToken cancellationToken) =>
        {
            var user = principal.RequireCollabUser();
            return Results.Ok(await activity.ForAsync(user, await catalog.ListForAsync(user, cancellationToken), cancellationToken));
        });

        rooms.MapPost("/", async (CreateRoomRequest? request, ClaimsPrincipal principal, RoomCatalog catalog, RoomCreationThrottle throttle, HttpContext context, CancellationToken cancellationToken) =>
        {
            var user = principal.RequireCollabUser();
            if (await throttle.TakeAsync(user.UserId, ClientAddress.Of(context), cancellationToken) is { Allowed: false } refused)
            {
                return refused.ToResult("Too many rooms created; try again later.");
            }
            if (request is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A JSON body is required.");
            }
            var outcome = await catalog.CreateAsync(user, request.RoomId, request.Name, request.IsPrivate ?? false, cancellationToken);
            return outcome switch
            {
                CreateRoomOutcome.Created => Results.Created(AppRoutes.Api.Room(request.RoomId!), new RoomSummary(request.RoomId!, string.IsNullOrWhiteSpace(request.Name) ? request.RoomId! : request.Name.Trim(), request.IsPrivate ?? false)),
                CreateRoomOutcome.Taken => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "That room id is taken."),
                CreateRoomOutcome.QuotaReached => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "forbidden: you own as many rooms as allowed."),
                CreateRoomOutcome.InvalidName => Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Name must be 1-100 characters."] }),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["roomId"] = ["roomId must be 1-64 characters of a-z, 0-9 and '-'."] }),
            };
        });

        rooms.MapGet("/{roomId}/members", (string roomId, ClaimsPrincipal principal, IRoomAdministration members, CancellationToken cancellationToken) =>
            Refusals.AnswerAsync(async () => Results.Ok(await members.ListAsync(principal.RequireCollabUser(), roomId, cancellationToken))));

        // 204 as it always was: the added member is in GET .../members.
        rooms.MapPost("/{roomId}/members", (string roomId, AddMemberRequest? request, ClaimsPrincipal principal, IRoomAdministration members, CancellationToken cancellationToken) =>
            Refusals.AnswerAsync(async () =>
            {
                await members.AddAsync(principal.RequireCollabUser(), roomId, request?.UserName, cancellationToken);
                return Results.NoContent();
            }));

        rooms.MapDelete("/{roomId}/members/{userName}", (string roomId, string userName, ClaimsPrincipal principal, IRoomAdministration members, CancellationToken cancellationToken) =>
            Refusals.AnswerAsync(async () =>
            {
                await members.RemoveAsync(principal.RequireCollabUser(), roomId, userName, cancellationToken);
                return Results.NoContent();
            }));

        rooms.MapPatch("/{roomId}", (string roomId, RenameRoomRequest? request, ClaimsPrincipal principal, IRoomAdministration members, CancellationToken cancellationToken) =>
            Refusals.AnswerAsync(async () =>
            {
                var room = await members.RenameAsync(principal.RequireCollabUser(), roomId, request?.Name, cancellationToken);
                return Results.Ok(new RoomSummary(room.RoomId, room.Name, room.IsPrivate));
            }));

        rooms.MapDelete("/{roomId}", (string roomId, ClaimsPrincipal principal, IRoomAdministration members, CancellationToken cancellationToken) =>
            Refusals.AnswerAsync(async () =>
            {
                await members.DeleteAsync(principal.RequireCollabUser(), roomId, cancellationToken);
                return Results.NoContent();
            }));
        return app;
    }

    public sealed record CreateRoomRequest(string? RoomId, string? Name, bool? IsPrivate);

    public sealed record AddMemberRequest(string? UserName);

    public sealed record RenameRoomRequest(string? Name);
}
