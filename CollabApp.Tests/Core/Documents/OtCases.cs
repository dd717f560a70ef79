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

    /// <summary>
    /// Choices from a SplitMix64 stream: our own generator rather than <see cref="Random"/>, whose seeded
    /// sequence .NET does not promise to keep, so committed vectors stay reproducible.
    /// </summary>
    public static OtCases FromSeed(ulong seed)
    {
        var state = seed;
        return new OtCases(max =>
        {
            state += 0x9E3779B97F4A7C15;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return (int)(z % (ulong)max);
        });
    }

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
