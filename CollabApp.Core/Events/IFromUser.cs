namespace CollabApp.Core.Events;

/// <summary>Event data sent on behalf of one user; transient events are coalesced per user.</summary>
public interface IFromUser
{
    string UserId { get; }
}
