using CollabApp.Accounts;
using CollabApp.Core;
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
            try
            {
                var room = await catalog.CreateAsync(user, request.RoomId, request.Name, request.IsPrivate ?? false, cancellationToken);
                return Results.Created(AppRoutes.Api.Room(room.RoomId), room);
            }
            catch (CollabError e) when (e.Code is CollabErrorCode.Invalid or CollabErrorCode.Conflict)
            {
                // As docs/protocol.md has always answered these two: validation problem details, and a 409 titled by the message.
                return e.Code == CollabErrorCode.Invalid
                    ? Results.ValidationProblem(e.Arguments.ToDictionary())
                    : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: e.Message);
            }
            catch (CollabError e)
            {
                return Refusals.ToResult(e);
            }
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
