namespace ConnectMock.Contacts;

/// <summary>What one participant has done with a message: received it, read it, when.</summary>
internal sealed record ReceiptInfo(Guid RecipientParticipantId, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt)
{
    /// <summary>This receipt with a later one of the same participant: each timestamp kept once set.</summary>
    public ReceiptInfo With(ReceiptInfo later) => this with { DeliveredAt = DeliveredAt ?? later.DeliveredAt, ReadAt = ReadAt ?? later.ReadAt };
}
