using System.Text.Json;

namespace CollabApp.Core.Documents;

public sealed partial class TextOperation
{
    /// <summary>
    /// Reads the protocol form: an array whose elements are a positive integer n (retain n), a negative
    /// integer -n (delete n) or a non-empty string (insert it). The result is normalised.
    /// </summary>
    /// <exception cref="CollabError">
    /// <see cref="CollabErrorCode.Invalid"/>: not an array; a component that is 0, "", not an integer,
    /// another JSON kind, or text with an unpaired surrogate; or lengths beyond int.MaxValue.
    /// </exception>
    public static TextOperation Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw CollabError.Invalid($"an operation must be a JSON array, not {Describe(json.ValueKind)}");
        }
        var builder = new Builder();
        long baseLength = 0;
        long targetLength = 0;
        var index = 0;
        foreach (var element in json.EnumerateArray())
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    if (!element.TryGetInt64(out var n))
                    {
                        throw CollabError.Invalid(
                            $"operation component {index} ({element.GetRawText()}) is not an integer in range");
                    }
                    if (n == 0)
                    {
                        throw CollabError.Invalid($"operation component {index} is 0; counts must be non-zero");
                    }
                    if (n > int.MaxValue || n < -int.MaxValue)
                    {
                        throw CollabError.Invalid(
                            $"operation component {index} ({n}) is longer than {int.MaxValue} units");
                    }
                    baseLength += Math.Abs(n);
                    targetLength += n > 0 ? n : 0;
                    CheckLength(baseLength, targetLength);
                    if (n > 0)
                    {
                        builder.Retain((int)n);
                    }
                    else
                    {
                        builder.Delete((int)-n);
                    }
                    break;
                case JsonValueKind.String:
                    var text = ReadText(element, index);
                    targetLength += text.Length;
                    CheckLength(baseLength, targetLength);
                    builder.Insert(text);
                    break;
                default:
                    throw CollabError.Invalid(
                        $"operation component {index} is {Describe(element.ValueKind)}; " +
                        "expected a non-zero integer or a non-empty string");
            }
            index++;
        }
        return builder.Build();
    }

    private static string ReadText(JsonElement element, int index)
    {
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate such as "\uD83D".
            throw CollabError.Invalid($"operation component {index} inserts text with an unpaired surrogate");
        }
        if (text.Length == 0)
        {
            throw CollabError.Invalid($"operation component {index} is an empty string; inserts must be non-empty");
        }
        var unpaired = Utf16.IndexOfUnpairedSurrogate(text);
        if (unpaired >= 0)
        {
            throw CollabError.Invalid(
                $"operation component {index} inserts text with an unpaired surrogate at index {unpaired}");
        }
        return text;
    }

    private static void CheckLength(long baseLength, long targetLength)
    {
        if (baseLength > int.MaxValue)
        {
            throw CollabError.Invalid($"operation spans more than {int.MaxValue} units");
        }
        if (targetLength > int.MaxValue)
        {
            throw CollabError.Invalid($"operation produces more than {int.MaxValue} units");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
