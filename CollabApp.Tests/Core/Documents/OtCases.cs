using CollabApp.Core.Documents;

namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// Builds random documents and operations from a stream of choices, so that CsCheck (from a shrinkable
/// int array) and the vector file (from a seeded <see cref="Random"/>) share one generator. Documents mix
/// ASCII, a BMP letter and astral characters (surrogate pairs); operations only cut between whole
/// characters, so every generated op is valid for its document.
/// </summary>
internal sealed class OtCases(Func<int, int> next)
{
    private static readonly string[] _atoms = ["a", "b", "c", "x", " ", "\u00e9", "\U0001F600", "\U0001D11E"];

    /// <summary>Choices from an array; past its end every choice is 0 (which means "retain").</summary>
    public static OtCases FromChoices(int[] choices)
    {
        var index = 0;
        return new OtCases(max => index < choices.Length ? (int)((uint)choices[index++] % (uint)max) : 0);
    }

    public static OtCases FromSeed(int seed) => new(new Random(seed).Next);

    public string Text(int maxAtoms)
    {
        var count = next(maxAtoms + 1);
        var text = "";
        for (var i = 0; i < count; i++)
        {
            text += _atoms[next(_atoms.Length)];
        }
        return text;
    }

    /// <summary>A random operation over <paramref name="document"/> that never splits a surrogate pair.</summary>
    public TextOperation Operation(string document)
    {
        var builder = new TextOperation.Builder();
        var position = 0;
        while (position < document.Length)
        {
            var kind = next(3);
            if (kind == 2)
            {
                builder.Insert(Text(3));
                continue;
            }
            var end = position;
            for (var atoms = 1 + next(4); atoms > 0 && end < document.Length; atoms--)
            {
                end += char.IsHighSurrogate(document[end]) ? 2 : 1;
            }
            if (kind == 0)
            {
                builder.Retain(end - position);
            }
            else
            {
                builder.Delete(end - position);
            }
            position = end;
        }
        if (next(3) == 0)
        {
            builder.Insert(Text(3));
        }
        return builder.Build();
    }
}
