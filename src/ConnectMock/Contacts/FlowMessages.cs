using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ConnectMock.Contacts;

/// <summary>
/// Messages from the contact flow rather than a person: what a Send message block or a queue's messages post (a
/// queue position, "you are being connected"), and the bot's replies streamed to a chat started with ResponseMode
/// INCREMENTAL. Both come from the SYSTEM role, which is the role chatjs reassembles streamed messages of.
/// </summary>
internal sealed partial class FlowMessages(ChatSessions chats)
{
    /// <summary>The display name of a flow's messages, as Amazon Connect's chat shows them.</summary>
    public const string SystemDisplayName = "SYSTEM_MESSAGE";

    /// <summary>The ResponseMode of StartChatContact's ParticipantConfiguration that asks for streamed replies.</summary>
    public const string Incremental = "INCREMENTAL";

    /// <summary>
    /// How many words a partial message of a streamed reply carries: small enough that a short reply still streams in
    /// several parts, as a generative bot's replies do.
    /// </summary>
    public const int WordsPerChunk = 3;

    /// <summary>A message from the flow: the bot's participant when a bot is in the chat, the flow's otherwise.</summary>
    public ChatItem Say(ChatContact contact, string contentType, string content)
    {
        var started = chats.Start(contact);
        var from = started.Chat?.Present(ParticipantRoles.System)?.Info ?? FlowParticipant(contact.ContactId);
        var item = new ChatItem(ChatSessions.NewItemId(), ChatEvents.Message, contentType, content, chats.Time.GetUtcNow(), from, null);
        return chats.Post(contact.ContactId, item).Item;
    }

    /// <summary>Whether the chat's customer asked for streamed replies (StartChatContact's ParticipantConfiguration.ResponseMode).</summary>
    public static bool Streams(ChatContact contact) => contact.Request.ResponseMode == Incremental;

    /// <summary>
    /// A text reply of <paramref name="from"/>, as a streamed reply: <see cref="Chunks"/>, posted in one change so
    /// that every socket sees them in order and none is lost between them. Returns the completed message.
    /// </summary>
    public ChatItem Stream(Guid contactId, ChatParticipantInfo from, string content) =>
        chats.Post(contactId, Chunks(ChatSessions.NewItemId(), content, from, chats.Time.GetUtcNow()))[^1];

    /// <summary>
    /// A reply cut for streaming, as chatjs's PartialMessageUtil reads it: items of one id, the partial ones numbered
    /// from 1 (ChunkNumber) with MessageCompleted false, each carrying the next <see cref="WordsPerChunk"/> words and
    /// the blanks after them (so the parts joined are the reply exactly), then the completed message, with the next
    /// number, MessageCompleted true and the whole reply, which is what the transcript keeps.
    /// </summary>
    public static IReadOnlyList<ChatItem> Chunks(string id, string content, ChatParticipantInfo from, DateTimeOffset at)
    {
        var words = Words().Matches(content).Select(m => m.Value).ToList();
        var items = new List<ChatItem>();
        for (var i = 0; i < words.Count; i += WordsPerChunk)
        {
            var part = string.Concat(words.Skip(i).Take(WordsPerChunk));
            items.Add(new ChatItem(id, ChatEvents.Message, ChatContentTypes.Plain, part, at, from, null) { Chunk = new MessageChunk(items.Count + 1, false) });
        }

        items.Add(new ChatItem(id, ChatEvents.Message, ChatContentTypes.Plain, content, at, from, null) { Chunk = new MessageChunk(items.Count + 1, true) });
        return items;
    }

    /// <summary>
    /// The flow's participant in a chat with no bot: one id per chat, the same for each of its messages, derived from
    /// the contact so that nothing more is stored for it.
    /// </summary>
    public static ChatParticipantInfo FlowParticipant(Guid contactId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"flow:{contactId}"));
        return new ChatParticipantInfo(new Guid(hash.AsSpan(0, 16)), SystemDisplayName, ParticipantRoles.System);
    }

    // A word and the blanks after it; leading blanks go with the first part.
    [GeneratedRegex(@"^\s*\S+\s*|\S+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
