using System.Globalization;
using CollabApp.Accounts;

namespace CollabApp.Components.Shared;

/// <summary>How people are shown: initials for avatars, a stable colour per user.</summary>
public static class People
{
    /// <summary>
    /// What a person is called: their display name (remembered, else looked up once), or the user name when the
    /// account has none or the database cannot say right now.
    /// </summary>
    public static async Task<string> DisplayNameAsync(DisplayNames names, string userId, string userName)
    {
        if (names.Known(userId) is { } known)
        {
            return known;
        }
        try
        {
            return await names.LookUpAsync(userId, CancellationToken.None) is { Length: > 0 } found ? found : userName;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return userName;
        }
    }

    /// <summary>Up to two letters: the first of each of the first two words.</summary>
    public static string Initials(string? name)
    {
        var words = (name ?? "").Split([' ', '.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        var letters = words.Length switch
        {
            0 => "?",
            1 => StringInfo.GetNextTextElement(words[0]),
            _ => StringInfo.GetNextTextElement(words[0]) + StringInfo.GetNextTextElement(words[1]),
        };
        return letters.ToUpper(CultureInfo.InvariantCulture);
    }

    /// <summary>A hue from 0 to 359 derived from the user id (the same in every browser).</summary>
    public static int Hue(string userId)
    {
        var hash = 17u;
        foreach (var c in userId)
        {
            hash = unchecked((hash * 31) + c);
        }
        return (int)(hash % 360);
    }
}
