namespace ConnectMock.Participant;

/// <summary>
/// An item's MessageMetadata: the model's MessageId and Receipts (for the receipts of a message), and, for an item of
/// a streamed reply, MessageCompleted and ChunkNumber, which are not in the model but are what chatjs's
/// PartialMessageUtil reassembles a streamed reply by (docs/agent-lifecycle.md).
/// </summary>
internal sealed record MessageMetadata(string MessageId, IReadOnlyList<Receipt>? Receipts, bool? MessageCompleted = null, int? ChunkNumber = null);
