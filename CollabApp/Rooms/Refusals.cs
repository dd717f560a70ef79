using CollabApp.Core;

namespace CollabApp.Rooms;

/// <summary>
/// The HTTP form of a refused request: the <see cref="CollabError"/>'s code as the status (invalid 400, forbidden 403,
/// not-found 404, rate-limited 429, unavailable 503, conflict 409) and <c>code: message</c> as the problem's title, as the hub says it.
/// </summary>
public static class Refusals
{
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (CollabError e)
        {
            return ToResult(e);
        }
    }

    public static IResult ToResult(CollabError error) => Results.Problem(
        statusCode: error.Code switch
        {
            CollabErrorCode.Forbidden => StatusCodes.Status403Forbidden,
            CollabErrorCode.NotFound => StatusCodes.Status404NotFound,
            CollabErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
            CollabErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
            CollabErrorCode.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        title: $"{error.WireCode}: {error.Message}");
}
