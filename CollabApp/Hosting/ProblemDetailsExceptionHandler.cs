using CollabApp.Core;
using Microsoft.AspNetCore.Diagnostics;

namespace CollabApp.Hosting;

/// <summary>
/// API failures become problem details with no internals: a backing store that is down is 503, anything
/// else 500. Pages keep the friendly error page.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments(AppRoutes.Api.Prefix))
        {
            return false;
        }
        var outage = exception is CollabError { Code: CollabErrorCode.Unavailable };
        LogApiFailure(logger, exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = outage ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = httpContext.Response.StatusCode,
                Title = outage ? "A backing store is unreachable; nothing was changed. Try again later." : "The request failed on the server.",
            },
        });
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "API request {Path} failed")]
    private static partial void LogApiFailure(ILogger logger, Exception exception, string path);
}
