namespace ConnectMock.Participant;

internal sealed record MessageMetadata(string MessageId, IReadOnlyList<Receipt> Receipts);
