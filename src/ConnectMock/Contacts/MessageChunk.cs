namespace ConnectMock.Contacts;

/// <summary>
/// Where a message is in a streamed reply (StartChatContact's ResponseMode INCREMENTAL): the MessageMetadata members
/// chatjs's PartialMessageUtil reassembles a reply by. Every item of one reply has the reply's id; a partial item
/// carries the next words and <see cref="Completed"/> false, the last the whole reply and <see cref="Completed"/> true.
/// </summary>
internal sealed record MessageChunk(int ChunkNumber, bool Completed);
