namespace CollabApp.Core.Todos;

/// <summary>
/// A to-do as stored and as sent on the wire. <see cref="Version"/> starts at 1 and grows by one with
/// every accepted change; lists are shown in ascending <see cref="Position"/>.
/// </summary>
public sealed record TodoItem(
    string Id,
    string Title,
    bool Done,
    double Position,
    int Version,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);
