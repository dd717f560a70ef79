using System.Text.RegularExpressions;

namespace CollabApp.Core.Rooms;

/// <summary>The shape rules of docs/protocol.md for names and ids that come from outside.</summary>
public static partial class InputRules
{
    public const int MaxUserNameLength = 32;
    public const int MaxRoomNameLength = 100;
    public const int MaxDisplayNameLength = 64;
    public const int MinPasswordLength = 8;

    public static bool IsValidUserName(string? userName) => userName is not null && UserNamePattern().IsMatch(userName);

    public static bool IsValidRoomId(string? roomId) => roomId is not null && RoomIdPattern().IsMatch(roomId);

    public static bool IsValidRoomName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= MaxRoomNameLength;

    /// <summary>A client-made id (message, to-do, operation): a UUID in any of its usual text forms.</summary>
    public static bool IsValidClientId(string? id) => id is not null && id.Length <= 64 && Guid.TryParse(id, out _);

    /// <summary>True when the text has no lone surrogate (it round-trips through UTF-8).</summary>
    public static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,32}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex RoomIdPattern();
}
