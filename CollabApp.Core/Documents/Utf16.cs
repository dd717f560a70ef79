namespace CollabApp.Core.Documents;

/// <summary>Surrogate-pair checks shared by the operation, its parser and the appliers.</summary>
internal static class Utf16
{
    /// <summary>True if a cut between <paramref name="before"/> and <paramref name="after"/> splits a pair.</summary>
    public static bool SplitsPair(char before, char after) =>
        char.IsHighSurrogate(before) && char.IsLowSurrogate(after);

    /// <summary>The index of the first surrogate that is not part of a pair, or -1.</summary>
    public static int IndexOfUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }
        return -1;
    }
}
