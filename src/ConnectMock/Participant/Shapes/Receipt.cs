namespace ConnectMock.Participant;

internal sealed record Receipt(string? DeliveredTimestamp, string? ReadTimestamp, string RecipientParticipantId);
