namespace CollabApp.Core.Documents;

/// <summary>A committed operation and the room whose document it changed, as the database stores it.</summary>
public sealed record StoredOperation(string RoomId, OperationCommitted Operation);
