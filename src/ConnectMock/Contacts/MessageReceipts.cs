namespace ConnectMock.Contacts;

/// <summary>
/// Receipts of one message: all of them on a message item, or the one just given on a MESSAGEMETADATA item.
/// </summary>
internal sealed record MessageReceipts(string MessageId, IReadOnlyList<ReceiptInfo> Receipts);
