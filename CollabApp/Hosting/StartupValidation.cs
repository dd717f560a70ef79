using Microsoft.Extensions.Options;

namespace CollabApp.Hosting;

/// <summary>
/// Runs the options validations registered with <c>ValidateOnStart</c> before anything else starts, so that a wrong
/// setting stops the app with one line naming it (the validation messages name their settings) instead of a stack
/// trace from inside the host's start.
/// </summary>
public static class StartupValidation
{
    /// <summary>The one line to stop with, or null when every setting is valid.</summary>
    public static string? Problem(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return "CollabApp will not start: " + string.Join(" ", e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return "CollabApp will not start: " + string.Join(" ", e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures));
        }
    }
}
