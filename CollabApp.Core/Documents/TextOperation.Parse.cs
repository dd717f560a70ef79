using System.Text.Json;

namespace CollabApp.Core.Documents;

public sealed partial class TextOperation
{
    /// <summary>
    /// Reads the form of docs/protocol.md: an array whose elements are a positive integer n (retain n), a negative
    /// integer -n (delete n) or a non-empty string (insert it). The result is normalised. Reading takes
    /// time linear in the array's size. No limit applies beyond int.MaxValue units: this reads operations
    /// the server itself stored, which transforms may have made longer than any client may submit.
    /// </summary>
    /// <exception cref="CollabError">
    /// <see cref="CollabErrorCode.Invalid"/>: not an array; a component that is 0, "", not an integer,
    /// another JSON kind, or text with an unpaired surrogate; or lengths beyond int.MaxValue.
    /// </exception>
    public static TextOperation Parse(JsonElement json) => Parse(json, int.MaxValue, int.MaxValue);

    /// <summary>
    /// Reads an operation a client submits, as <see cref="Parse(JsonElement)"/> does, and refuses it while
    /// reading, before any work on the document, when it has more than
    /// <see cref="DocumentOptions.MaxOperationComponents"/> components (after normalisation) or inserts
    /// more than <see cref="DocumentOptions.MaxDocumentLength"/> units (inserted text survives every
    /// transform, so no document could hold the result).
    /// </summary>
    /// <exception cref="CollabError">
    /// <see cref="CollabErrorCode.TooLarge"/> for either limit; otherwise as <see cref="Parse(JsonElement)"/>.
    /// </exception>
    public static TextOperation ParseSubmitted(JsonElement json, DocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Parse(json, options.MaxOperationComponents, options.MaxDocumentLength);
    }

    private static TextOperation Parse(JsonElement json, int maxComponents, int maxInsertedUnits)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw CollabError.Invalid($"an operation must be a JSON array, not {Describe(json.ValueKind)}");
        }
        var builder = new Builder();
        long baseLength = 0;
        long targetLength = 0;
        long insertedLength = 0;
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
                    insertedLength += text.Length;
                    CheckLength(baseLength, targetLength);
                    if (insertedLength > maxInsertedUnits)
                    {
                        throw CollabError.TooLarge(
                            $"the operation inserts more than {maxInsertedUnits} units, the longest a document may be");
                    }
                    builder.Insert(text);
                    break;
                default:
                    throw CollabError.Invalid(
                        $"operation component {index} is {Describe(element.ValueKind)}; " +
                        "expected a non-zero integer or a non-empty string");
            }
            if (builder.ComponentCount > maxComponents)
            {
                throw CollabError.TooLarge(
                    $"the operation has more than {maxComponents} components; send it as several smaller operations");
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
