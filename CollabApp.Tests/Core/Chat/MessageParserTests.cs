using System.Diagnostics;
using CollabApp.Core.Chat;

namespace CollabApp.Tests.Core.Chat;

public sealed class MessageParserTests
{
    private static readonly IReadOnlySet<string> Members = new HashSet<string>(["bob", "ann.lee", "x-y"], StringComparer.OrdinalIgnoreCase);

    // Each segment as "kind:text", joined by '|', so a case reads on one line.
    private static string Show(string text) => string.Join('|', MessageParser.Parse(text, Members).Select(s => s switch
    {
        LinkSegment l => "link:" + l.Text,
        MentionSegment m => "at:" + m.UserName,
        _ => "text:" + s.Text,
    }));

    [Theory]
    [InlineData("see https://example.com/a?b=c#d now", "text:see |link:https://example.com/a?b=c#d|text: now")]
    [InlineData("HTTP://Example.com", "link:HTTP://Example.com")]
    [InlineData("end of sentence http://example.com.", "text:end of sentence |link:http://example.com|text:.")]
    [InlineData("what about https://example.com/x?!", "text:what about |link:https://example.com/x|text:?!")]
    [InlineData("(see https://example.com/page)", "text:(see |link:https://example.com/page|text:)")]
    [InlineData("https://en.wikipedia.org/wiki/Foo_(bar)", "link:https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("(https://en.wikipedia.org/wiki/Foo_(bar)).", "text:(|link:https://en.wikipedia.org/wiki/Foo_(bar)|text:).")]
    [InlineData("<https://example.com>", "text:<|link:https://example.com|text:>")]
    [InlineData("\"https://example.com\"", "text:\"|link:https://example.com|text:\"")]
    [InlineData("a,https://a.io/x,y", "text:a,|link:https://a.io/x,y")]
    [InlineData("a,https://a.io,b", "text:a,https://a.io,b")]
    [InlineData("https://", "text:https://")]
    [InlineData("http://.", "text:http://.")]
    [InlineData("xhttps://example.com", "text:xhttps://example.com")]
    [InlineData("javascript:alert(1)", "text:javascript:alert(1)")]
    [InlineData("javascript://example.com/%0Aalert(1)", "text:javascript://example.com/%0Aalert(1)")]
    [InlineData("data:text/html,<b>x</b>", "text:data:text/html,<b>x</b>")]
    [InlineData("ftp://example.com", "text:ftp://example.com")]
    [InlineData("<script>alert(1)</script>", "text:<script>alert(1)</script>")]
    [InlineData("two http://a.io and https://b.io", "text:two |link:http://a.io|text: and |link:https://b.io")]
    public void Links(string text, string expected) => Assert.Equal(expected, Show(text));

    [Theory]
    [InlineData("hi @bob!", "text:hi |at:bob|text:!")]
    [InlineData("@Bob, look", "at:Bob|text:, look")]
    [InlineData("ask @ann.lee.", "text:ask |at:ann.lee|text:.")]
    [InlineData("@x-y-", "at:x-y|text:-")]
    [InlineData("@bobby", "text:@bobby")]
    [InlineData("@carol is not here", "text:@carol is not here")]
    [InlineData("mail bob@bob.com", "text:mail bob@bob.com")]
    [InlineData("@@bob", "text:@|at:bob")]
    [InlineData("@", "text:@")]
    [InlineData("(@bob)", "text:(|at:bob|text:)")]
    [InlineData("@bob https://example.com/@bob", "at:bob|text: |link:https://example.com/@bob")]
    public void Mentions(string text, string expected) => Assert.Equal(expected, Show(text));

    [Fact]
    public void TheSegments_AlwaysSpellTheWholeText()
    {
        foreach (var text in new[] { "", " ", "a @bob b https://x.io/(y)).", "http://http://", "@bob@bob", "((((https://a.io))))" })
        {
            Assert.Equal(text, string.Concat(MessageParser.Parse(text, Members).Select(s => s.Text)));
        }
        Assert.Empty(MessageParser.Parse("", Members));
    }

    [Fact]
    public void ALongUrl_StaysText()
    {
        var url = "https://example.com/" + new string('a', MessageParser.MaxUrlLength);

        Assert.Equal("text:" + url, Show(url));
    }

    [Theory]
    [InlineData("http://[")]
    [InlineData("https://(")]
    [InlineData("@bob ")]
    [InlineData("@")]
    [InlineData("a")]
    [InlineData("@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ")]
    public void AMillionCharactersOfCandidates_ParseAtOnce(string unit)
    {
        // Linear: a few milliseconds. A parser that rescanned the rest of the text from each candidate would need
        // about 10^10 steps here (minutes). Timing ratios on a shared machine proved too noisy (fresh memory for the
        // large copy costs page faults), so this asserts a bound with a margin of two orders of magnitude.
        var text = string.Concat(Enumerable.Repeat(unit, 1_000_000 / unit.Length));
        var watch = Stopwatch.StartNew();

        var segments = MessageParser.Parse(text, Members);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"parsing took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(text, string.Concat(segments.Select(x => x.Text)));
    }
}
