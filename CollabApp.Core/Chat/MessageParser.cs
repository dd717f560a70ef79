namespace CollabApp.Core.Chat;

/// <summary>
/// Splits a message into text, links and mentions, in one left-to-right pass: every character is looked at a
/// bounded number of times, so the time is linear in the text's length whatever it holds.
/// <para>
/// Only absolute <c>http://</c> and <c>https://</c> URLs become links, so no other scheme (<c>javascript:</c>,
/// <c>data:</c>) ever does. A URL starts at a word boundary and ends at white space or a character that cannot be in
/// one; it loses trailing punctuation that ends the sentence and closing parentheses it did not open; one longer than
/// <see cref="MaxUrlLength"/> or that does not parse stays text, as a whole.
/// </para>
/// <para>
/// <c>@name</c> becomes a mention when <c>name</c> is in <paramref name="members"/> (pass a set with the comparison
/// you want: the UI ignores case, as user names do) and the <c>@</c> does not follow a letter or digit (so an e-mail
/// address stays text). A name followed by <c>.</c> or <c>-</c> ending the sentence is still recognised.
/// </para>
/// </summary>
public static class MessageParser
{
    public const int MaxUrlLength = 2048;
    private const string TrailingPunctuation = ".,;:!?'\"*";

    public static IReadOnlyList<MessageSegment> Parse(string text, IReadOnlySet<string> members)
    {
        var segments = new List<MessageSegment>();
        var plainStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var (end, next) = text[i] switch
            {
                'h' or 'H' when AtWordStart(text, i) => Url(text, i),
                '@' when AtWordStart(text, i) => (Mention(text, i, members), i + 1),
                _ => (-1, i + 1),
            };
            if (end < 0)
            {
                i = next;
                continue;
            }
            if (i > plainStart)
            {
                segments.Add(new TextSegment(text[plainStart..i]));
            }
            var token = text[i..end];
            segments.Add(token[0] == '@' ? new MentionSegment(token, token[1..]) : new LinkSegment(token));
            i = plainStart = end;
        }
        if (plainStart < text.Length)
        {
            segments.Add(new TextSegment(text[plainStart..]));
        }
        return segments;
    }

    private static bool AtWordStart(string text, int i) => i == 0 || !char.IsLetterOrDigit(text[i - 1]);

    /// <summary>
    /// The end of the URL starting at <paramref name="start"/> (-1: none), and where to look next: past the whole run
    /// of URL characters when it is no link, so no character is scanned twice.
    /// </summary>
    private static (int End, int Next) Url(string text, int start)
    {
        var scheme = SchemeLength(text, start);
        if (scheme == 0)
        {
            return (-1, start + 1);
        }
        var run = start + scheme;
        var open = 0;
        var close = 0;
        while (run < text.Length && IsUrlChar(text[run]))
        {
            open += text[run] == '(' ? 1 : 0;
            close += text[run] == ')' ? 1 : 0;
            run++;
        }
        var end = run;
        while (end > start + scheme)
        {
            var last = text[end - 1];
            if (TrailingPunctuation.Contains(last, StringComparison.Ordinal))
            {
                end--;
            }
            else if (last == ')' && close > open)
            {
                close--;
                end--;
            }
            else
            {
                break;
            }
        }
        var isLink = end > start + scheme
            && end - start <= MaxUrlLength
            && Uri.TryCreate(text[start..end], UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0;
        return isLink ? (end, end) : (-1, run);
    }

    private static int SchemeLength(string text, int start)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (start + scheme.Length <= text.Length && string.Compare(text, start, scheme, 0, scheme.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return scheme.Length;
            }
        }
        return 0;
    }

    // Not white space, control characters or the delimiters around URLs in text (RFC 3986, appendix C); non-ASCII
    // letters stay (international domain names and paths).
    private static bool IsUrlChar(char c) =>
        !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not ('<' or '>' or '"' or '`' or '{' or '}' or '|' or '\\' or '^');

    /// <summary>The end of the mention starting at <paramref name="at"/>, or -1. Looks at most one name's length ahead.</summary>
    private static int Mention(string text, int at, IReadOnlySet<string> members)
    {
        var run = at + 1;
        while (run < text.Length && IsNameChar(text[run]) && run - at - 1 <= Rooms.InputRules.MaxUserNameLength)
        {
            run++;
        }
        if (run < text.Length && IsNameChar(text[run]))
        {
            return -1;
        }
        for (var end = run; end > at + 1; end--)
        {
            if (members.Contains(text[(at + 1)..end]))
            {
                return end;
            }
            if (text[end - 1] is not ('.' or '-'))
            {
                return -1;
            }
        }
        return -1;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
