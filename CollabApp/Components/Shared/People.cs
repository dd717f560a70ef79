using System.Globalization;

namespace CollabApp.Components.Shared;

/// <summary>How people are shown: initials for avatars, a stable colour per user.</summary>
public static class People
{
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

    /// <summary>"just now", "5 min ago", "3 h ago", then the date.</summary>
    public static string RelativeTime(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        if (age < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min ago");
        }
        if (age < TimeSpan.FromDays(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h ago");
        }
        return at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }
}
