namespace CollabApp.Core.Chat;

/// <summary>A piece of a message's text as shown: plain text, a web link, or a mention of a room member.</summary>
public abstract record MessageSegment(string Text);

public sealed record TextSegment(string Text) : MessageSegment(Text);

/// <summary>An absolute <c>http</c>/<c>https</c> URL, exactly as written (<see cref="MessageSegment.Text"/>).</summary>
public sealed record LinkSegment(string Text) : MessageSegment(Text);

/// <summary><c>@userName</c> of a room member; <see cref="UserName"/> is the name without the <c>@</c>, as written.</summary>
public sealed record MentionSegment(string Text, string UserName) : MessageSegment(Text);
