using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CollabApp.Components.Shared;

/// <summary>
/// Writing markup as text, for rows kept as one markup string instead of many render-tree frames (issue 13). Every
/// value from outside goes through <see cref="AppendEncoded"/>: the encoder escapes what HTML gives a meaning to
/// (<c>&lt; &gt; &amp; " '</c>) and control characters, in text and in quoted attributes alike, and keeps other letters
/// as they are, so a name or a message is always text, never markup.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static StringBuilder AppendEncoded(this StringBuilder html, string value) => html.Append(Encoder.Encode(value));

    /// <summary>A space, then the attribute with its value encoded and quoted.</summary>
    public static StringBuilder AppendAttribute(this StringBuilder html, string name, string value) =>
        html.Append(' ').Append(name).Append("=\"").AppendEncoded(value).Append('"');
}
