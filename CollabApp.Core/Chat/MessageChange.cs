using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>
/// The durable event of an edit or a deletion (type <c>messageChange</c>): <see cref="Kind"/> and the message as it
/// is after the change (a deleted one without its text). The log stamps the event's id into
/// <see cref="ChatMessage.ChangeEventId"/>.
/// </summary>
public sealed record MessageChange(string Kind, ChatMessage Message) : ICarriesEventId
{
    public const string Edited = "edited";
    public const string Deleted = "deleted";

    object ICarriesEventId.WithEventId(string eventId) => this with { Message = Message with { ChangeEventId = eventId } };
}
