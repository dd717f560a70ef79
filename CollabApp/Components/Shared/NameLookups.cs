using CollabApp.Accounts;

namespace CollabApp.Components.Shared;

/// <summary>
/// Display names for a panel's rows without a component per name (issue 13): a name not known yet shows as the user
/// name and is looked up once (<see cref="People.DisplayNameAsync"/>); when a different name arrives the panel is told
/// to render again. Called from the panel's render, so on its renderer's thread.
/// </summary>
public sealed class NameLookups(DisplayNames names, Func<Task> found)
{
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public string Of(string userId, string userName)
    {
        if (names.Known(userId) is { } known)
        {
            return known;
        }
        if (_asked.Add(userId))
        {
            _ = LookUpAsync(userId, userName);
        }
        return userName;
    }

    private async Task LookUpAsync(string userId, string userName)
    {
        if (await People.DisplayNameAsync(names, userId, userName) != userName)
        {
            await found();
        }
    }
}
