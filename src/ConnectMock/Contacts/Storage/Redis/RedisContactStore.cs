using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConnectMock.Contacts.Storage.Redis;

/// <summary>
/// Contacts in a Redis server that several ConnectMock replicas share: one replica's contact is every replica's,
/// a ClientToken replayed on any replica returns the contact it started, and an instance's active-chat quota is
/// counted once for all of them. A start is one Lua script (<see cref="RedisScripts.Start"/>: token check, quota,
/// insert, eviction); a change is optimistic: read the contact and its version, decide, then commit with a script
/// that applies the change only if the version is still the one read, else read and decide again.
/// </summary>
/// <remarks>
/// Keys (all under <see cref="Prefix"/>): <c>seq</c> the insertion counter; <c>order</c> every contact by sequence
/// (eviction takes the oldest, the control plane lists the newest); <c>inst:ID</c> an instance's contacts;
/// <c>act:ID</c> its active chats, as "ends-by ticks:contact" members counted by lexical range (exact, where a
/// score, a double, would round ticks); <c>tok:…</c> a ClientToken's contact; <c>c:ID</c> the contact (a hash: the
/// request in <see cref="ChatRequestCodec"/>'s form, its changes as JSON, its version, its transcript's counters);
/// <c>t:ID</c> its transcript (a list of items as JSON), <c>m:ID</c> its messages' sequence numbers, <c>k:ID</c> and
/// <c>kq:ID</c> its participants' ClientTokens. A contact's keys expire when neither its token nor its chat can
/// still be used (<see cref="KeyLifetime"/>), so a store that every replica left does not keep them forever.
/// Redis being unreachable or too slow becomes <see cref="ContactStoreUnavailableException"/>: callers see an AWS
/// InternalServiceException, never a hang. Each script that stores, changes or forgets contacts also appends what
/// it did to the change stream (<c>bus</c>), which <see cref="RedisChangeFeed"/> reads on every replica.
/// </remarks>
internal sealed class RedisContactStore(RedisConnection redis, IOptions<ContactStoreOptions> options, IOptions<ChatOptions> chatOptions)
    : IContactStore, IContactCatalog
{
    public const string Prefix = "{connectmock}:";

    /// <summary>How many times a change is decided again when other writers keep changing the contact first.</summary>
    private const int MaxAttempts = 64;

    private const int MaxRememberedClientTokens = 1000;

    /// <summary>The longest chat ChatDurationInMinutes allows (7 days).</summary>
    private static readonly TimeSpan LongestChat = TimeSpan.FromDays(7);

    private static readonly RedisKey SequenceKey = Prefix + "seq";
    private static readonly RedisKey OrderKey = Prefix + "order";
    private static readonly RedisKey InstancesKey = Prefix + "instances";

    private readonly int _maxContacts = options.Value.MaxContacts;
    private readonly TimeSpan _tokenLifetime = options.Value.ClientTokenLifetime;
    private readonly int _transcriptCapacity = chatOptions.Value.MaxTranscriptItems;
    private readonly long _maxBytes = options.Value.MaxMemoryMegabytes * 1024L * 1024L;

    public event Action<IReadOnlyList<Guid>>? Forgotten;

    public event Action<ChatChange>? Changed;

    /// <summary>
    /// Every replica on the server changes these contacts: <see cref="Changed"/> and <see cref="Forgotten"/> are raised
    /// by <see cref="RedisChangeFeed"/> from the change stream, for every replica's changes, in commit order, once each.
    /// </summary>
    public bool Shared => true;

    /// <summary>How long <see cref="CatchUp"/> waits for a lagging reader at most.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(2);

    private RedisChangeFeed? _feed;

    public void CatchUp() => _feed?.CatchUp(CatchUpTimeout);

    /// <summary>The reader of the change stream whose position <see cref="CatchUp"/> waits for; set when it starts.</summary>
    internal void ReadBy(RedisChangeFeed feed) => _feed = feed;

    /// <summary>How long a contact's keys live after its last change: its token's lifetime plus the longest chat.</summary>
    public TimeSpan KeyLifetime => _tokenLifetime + LongestChat;

    private IDatabase Db => redis.Database;

    private long KeySeconds => (long)KeyLifetime.TotalSeconds;

    public StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create) =>
        RedisConnection.Guard(() =>
        {
            // A request without a token (raw HTTP; SDKs always send one) starts a new contact every time.
            var tokenKey = string.IsNullOrEmpty(clientToken) ? (RedisKey?)null : TokenKey(instanceId, clientToken);
            var threshold = Ticks(now - _tokenLifetime);
            if (tokenKey is { } known && Db.ScriptEvaluate(RedisScripts.Token, [known], [Prefix, threshold]) is { IsNull: false } earlier)
            {
                return new StartResult(StartOutcome.Replayed, Decode((RedisResult[])earlier!, 0));
            }

            var contact = create();
            var record = new ArrayBufferWriter<byte>(256);
            ChatRequestCodec.Write(record, contact.Request, contact.ContinuedFromContactId);
            var id = contact.ContactId.ToString();
            var contactKey = ContactKey(id);
            RedisKey[] keys = tokenKey is { } token
                ? [SequenceKey, OrderKey, InstanceKey(instanceId), ActiveKey(instanceId), InstancesKey, contactKey, token]
                : [SequenceKey, OrderKey, InstanceKey(instanceId), ActiveKey(instanceId), InstancesKey, contactKey];
            var secret = new byte[ChatTokens.RandomLength];
            contact.Secret.WriteTo(secret);
            var result = (RedisResult[])Db.ScriptEvaluate(RedisScripts.Start, keys,
            [
                Prefix, id, Ticks(now), threshold, maxActiveChats ?? -1, _maxContacts, KeySeconds, instanceId,
                ChatRequestCodec.Token(record.WrittenSpan).ToArray(), ChatRequestCodec.ContactFlowId(record.WrittenSpan).ToArray(),
                record.WrittenMemory, contact.ParticipantId.ToString(), secret, Ticks(contact.InitiatedAt),
                now < contact.EndsBy ? Ticks(contact.EndsBy) : string.Empty, contact.Chat is null ? "0" : "1",
                contact.Changed is { } changes ? JsonSerializer.SerializeToUtf8Bytes(changes, RedisStoreJson.Default.Changes) : RedisValue.EmptyString,
            ])!;
            switch ((string)result[0]!)
            {
                case "R":
                    return new StartResult(StartOutcome.Replayed, Decode(result, 1));
                case "Q":
                    return new StartResult(StartOutcome.QuotaExceeded, null);
                default:
                    // Listeners hear of it, and of what the bound evicted, from the change stream (RedisChangeFeed).
                    contact.Sequence = (long)result[1];
                    return new StartResult(StartOutcome.Created, contact);
            }
        });

    public ChatContact? Find(Guid contactId) => RedisConnection.Guard(() => Read(contactId.ToString())?.Contact);

    public int ActiveChats(string instanceId, DateTimeOffset now) =>
        RedisConnection.Guard(() => (int)Db.Execute("ZLEXCOUNT", ActiveKey(instanceId), "(" + Ticks(now) + ";", "+"));

    public ChatChange? Change(Guid contactId, Func<ChatContact, ContactEdit?> decide) =>
        RedisConnection.Guard(() =>
        {
            var id = contactId.ToString();
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                if (Read(id) is not { } stored)
                {
                    return null;
                }

                var current = stored.Contact;
                if (decide(current) is not { } edit)
                {
                    return new ChatChange(current, []);
                }

                if (edit.ClientToken is { } use && Db.HashGet(Key("k:", id), MemoField(use)) is { HasValue: true } remembered)
                {
                    return new ChatChange(current, [Item(remembered)], Repeated: true);
                }

                var contact = edit.Contact ?? current;
                var draft = new TranscriptDraft(_transcriptCapacity, stored, index => Item(Db.ListGetByIndex(Key("t:", id), index)),
                    messageId => Db.HashGet(Key("m:", id), messageId) is { HasValue: true } seq ? (long)seq : null);
                if (edit.Rehydrated is { Count: > 0 } past)
                {
                    draft.Rehydrate(past, [.. Db.ListRange(Key("t:", id)).Select(Item)]);
                }

                var posted = edit.Items.Select(draft.Post).ToList();
                var outcome = (string?)Db.ScriptEvaluate(RedisScripts.Commit,
                    [ContactKey(id), Key("t:", id), Key("m:", id), Key("k:", id), Key("kq:", id), ActiveKey(stored.InstanceId)],
                    CommitArguments(stored, current, contact, edit, posted, draft, id));
                if (outcome == "ok")
                {
                    return new ChatChange(contact, posted);
                }

                if (outcome == "gone")
                {
                    return null;
                }
            }

            throw new InvalidOperationException($"Contact {contactId} kept changing under {MaxAttempts} attempts to change it.");
        });

    public IReadOnlyList<ChatItem>? Transcript(Guid contactId) =>
        RedisConnection.Guard(() =>
        {
            var id = contactId.ToString();
            var result = Db.ScriptEvaluate(RedisScripts.Transcript, [ContactKey(id), Key("t:", id)]);
            return result.IsNull ? null : (IReadOnlyList<ChatItem>)[.. ((RedisValue[])result!).Select(Item)];
        });

    /// <summary>How many times a page's reader starts again on a new head before it reads the whole transcript instead.</summary>
    private const int LazyReads = 3;

    /// <summary>
    /// Runs <paramref name="read"/> on a <see cref="RedisTranscriptView"/>, which fetches only the items it is asked
    /// for: a page of a long transcript costs the page. When the transcript moves under it (an item pushed or dropped
    /// between two reads of Redis), <paramref name="read"/> runs again on a new head; a chat that keeps moving that
    /// fast is read whole, once, as <see cref="Transcript"/> reads it, which cannot move.
    /// </summary>
    public bool TryReadTranscript<T>(Guid contactId, Func<IReadOnlyList<ChatItem>, T> read, out T result)
    {
        var id = contactId.ToString();
        for (var attempt = 0; attempt < LazyReads; attempt++)
        {
            if (Head(id) is not { } view)
            {
                result = default!;
                return false;
            }

            try
            {
                result = read(view);
                return true;
            }
            catch (RedisTranscriptView.Moved)
            {
                // Read again from a new head: the items read so far may name other indexes now.
            }
        }

        if (Transcript(contactId) is not { } items)
        {
            result = default!;
            return false;
        }

        result = read(items);
        return true;
    }

    /// <summary>The transcript's head as a view that reads the rest on demand; null when the contact is not stored.</summary>
    private RedisTranscriptView? Head(string id) =>
        RedisConnection.Guard(() =>
        {
            RedisKey[] keys = [ContactKey(id), Key("t:", id)];
            var head = Db.ScriptEvaluate(RedisScripts.TranscriptHead, keys, [RedisTranscriptView.FirstWindow]);
            if (head.IsNull)
            {
                return null;
            }

            var fields = (RedisResult[])head!;
            return new RedisTranscriptView((int)fields[0], (RedisValue)fields[1], [.. fields.Skip(3).Select(f => (RedisValue)f)], (string)fields[2]!,
                (from, to, mark) => RedisConnection.Guard(() =>
                    Db.ScriptEvaluate(RedisScripts.TranscriptRange, keys, [from, to, mark]) is { IsNull: false } range ? (RedisValue[])range! : null),
                Item);
        });

    public bool HasMessage(Guid contactId, string itemId) => RedisConnection.Guard(() => Db.HashExists(Key("m:", contactId.ToString()), itemId));

    public IReadOnlyList<T> Query<T>(ContactQuery query, Func<ChatContact, T> view) =>
        RedisConnection.Guard(() =>
        {
            var result = (RedisResult[])Db.ScriptEvaluate(RedisScripts.Query, [query.InstanceId is { } instance ? InstanceKey(instance) : OrderKey],
            [
                Prefix, query.Before is { } before ? "(" + before.ToString(CultureInfo.InvariantCulture) : "+inf",
                query.ClientToken is null ? "0" : "1", Encoded(query.ClientToken), query.ContactFlowId is null ? "0" : "1", Encoded(query.ContactFlowId),
                query.Limit,
            ])!;
            var page = new List<T>();
            for (var at = 0; at < result.Length; at += 1 + Fields.Count)
            {
                page.Add(view(Decode(result, at)));
            }

            return (IReadOnlyList<T>)page;
        });

    public int Count => RedisConnection.Guard(() => (int)Db.SortedSetLength(OrderKey));

    public ContactStoreUsage Usage => RedisConnection.Guard(() =>
    {
        // What the server holds (every key of it, not only this store's): Redis measures, the store does not estimate.
        var memory = Db.Execute("INFO", "memory").ToString();
        return new ContactStoreUsage(Count, _maxContacts, InfoField(memory, "used_memory"), _maxBytes, InfoField(memory, "used_memory_dataset"));
    });

    public void Clear() => RedisConnection.Guard(() => Db.ScriptEvaluate(RedisScripts.Clear, [OrderKey, InstancesKey], [Prefix]));

    public int RemoveInstance(string instanceId) =>
        (int)RedisConnection.Guard(() => (RedisResult[])Db.ScriptEvaluate(RedisScripts.RemoveInstance, [InstanceKey(instanceId)], [Prefix])!)[0];

    /// <summary>Raises <see cref="Changed"/> for one entry of the change stream; only <see cref="RedisChangeFeed"/> calls it.</summary>
    internal void RaiseChanged(Guid contactId, RedisValue[] fields, RedisValue items)
    {
        if (Changed is { } changed)
        {
            var posted = JsonSerializer.Deserialize((byte[])items!, RedisStoreJson.Default.ListChatItem)!;
            changed(new ChatChange(Decode(contactId, fields).Contact, posted));
        }
    }

    /// <summary>Raises <see cref="Forgotten"/> for one entry of the change stream; only <see cref="RedisChangeFeed"/> calls it.</summary>
    internal void RaiseForgotten(IReadOnlyList<Guid> contactIds) => Forgotten?.Invoke(contactIds);

    /// <summary>The contact hash's fields that Decode reads, in the scripts' order (their fields function).</summary>
    private static readonly IReadOnlyList<string> Fields = ["pid", "sec", "init", "seq", "req", "chg", "ver", "tseq", "tlen", "tlast", "inst", "act"];

    private static readonly RedisValue[] FieldNames = [.. Fields.Select(f => (RedisValue)f)];

    private Stored? Read(string id)
    {
        var values = Db.HashGet(ContactKey(id), FieldNames);
        return values[0].IsNull ? null : Decode(Guid.Parse(id), values);
    }

    /// <summary>A contact from a script's reply: its id at <paramref name="at"/>, then its fields.</summary>
    private static ChatContact Decode(RedisResult[] reply, int at) =>
        Decode(Guid.Parse((string)reply[at]!), [.. reply.Skip(at + 1).Take(Fields.Count).Select(r => (RedisValue)r)]).Contact;

    private static Stored Decode(Guid contactId, RedisValue[] f)
    {
        var (request, continuedFrom) = ChatRequestCodec.Read((byte[])f[4]!);
        var started = new ChatContact(
            contactId, Guid.Parse((string)f[0]!), ChatTokens.ParticipantSecret.Read((byte[])f[1]!), request, FromTicks(f[2]), continuedFrom)
        {
            Sequence = (long)f[3],
        };
        var changes = f[5].IsNullOrEmpty ? null : JsonSerializer.Deserialize((byte[])f[5]!, RedisStoreJson.Default.Changes);
        return new Stored(
            started.Restored(changes), (string)f[6]!, (long)f[7], (int)f[8], f[9].IsNullOrEmpty ? null : FromTicks(f[9]), (string)f[10]!);
    }

    private RedisValue[] CommitArguments(
        Stored stored, ChatContact current, ChatContact contact, ContactEdit edit, List<ChatItem> posted, TranscriptDraft draft, string id)
    {
        var active = contact.DisconnectedAt is not null ? "drop" : contact.EndsBy != current.EndsBy ? Ticks(contact.EndsBy) : "keep";
        var memo = edit.ClientToken is { } use && posted.Count > 0 ? MemoField(use) : RedisValue.EmptyString;
        var remembered = memo.IsNullOrEmpty ? RedisValue.EmptyString : Json(posted[0] with { Content = null, Receipts = null });
        var commit = draft.Commit(index => [.. Db.ListRange(Key("t:", id), 0, index - 1).Select(Item)]);
        var arguments = new List<RedisValue>
        {
            Prefix, stored.Version, edit.Contact?.Changed is { } changes ? JsonSerializer.SerializeToUtf8Bytes(changes, RedisStoreJson.Default.Changes) : RedisValue.EmptyString,
            contact.Chat is null ? "0" : "1", active, KeySeconds, draft.Sequence, draft.Count, draft.Last is { } last ? Ticks(last) : string.Empty,
            commit.DropFromHead, commit.Updated.Count, commit.Pushed.Count, commit.Indexed.Count, commit.Unindexed.Count,
            memo, remembered, Math.Min(MaxRememberedClientTokens, _transcriptCapacity), commit.Rewrite ? "1" : "0",
            JsonSerializer.SerializeToUtf8Bytes(posted, RedisStoreJson.Default.ListChatItem),
        };
        foreach (var (index, item) in commit.Updated)
        {
            arguments.Add(index);
            arguments.Add(Json(item));
        }

        arguments.AddRange(commit.Pushed.Select(Json));
        foreach (var (messageId, sequence) in commit.Indexed)
        {
            arguments.Add(messageId);
            arguments.Add(sequence);
        }

        arguments.AddRange(commit.Unindexed.Select(messageId => (RedisValue)messageId));
        return [.. arguments];
    }

    private static RedisValue Json(ChatItem item) => JsonSerializer.SerializeToUtf8Bytes(item, RedisStoreJson.Default.ChatItem);

    private static ChatItem Item(RedisValue json) => JsonSerializer.Deserialize((byte[])json!, RedisStoreJson.Default.ChatItem)!;

    /// <summary>A participant's ClientToken as the memo's field: bytes, so a token with a lone surrogate is kept exactly.</summary>
    private static RedisValue MemoField(ClientTokenUse use)
    {
        var token = Encoded(use.Token);
        var field = new byte[16 + token.Length];
        use.ParticipantId.TryWriteBytes(field);
        token.CopyTo(field, 16);
        return field;
    }

    private static RedisKey TokenKey(string instanceId, string clientToken)
    {
        var instance = Encoding.UTF8.GetBytes(Prefix + "tok:" + instanceId);
        var token = Encoded(clientToken);
        var key = new byte[instance.Length + 1 + token.Length]; // the zero byte ends the instance: an id cannot run into a token
        instance.CopyTo(key, 0);
        token.CopyTo(key, instance.Length + 1);
        return key;
    }

    private static byte[] Encoded(string? value)
    {
        if (value is null)
        {
            return [];
        }

        var bytes = new byte[ChatRequestCodec.MaxEncodedBytes(value.Length)];
        return bytes[..ChatRequestCodec.Encode(value, bytes)];
    }

    private static RedisKey ContactKey(string id) => Prefix + "c:" + id;

    private static RedisKey Key(string kind, string id) => Prefix + kind + id;

    private static RedisKey InstanceKey(string instanceId) => Prefix + "inst:" + instanceId;

    private static RedisKey ActiveKey(string instanceId) => Prefix + "act:" + instanceId;

    /// <summary>Ticks as 19 digits, so that comparing the strings compares the times.</summary>
    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static DateTimeOffset FromTicks(RedisValue ticks) => new(long.Parse((string)ticks!, CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static long InfoField(string info, string name)
    {
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(name.Length + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return 0;
    }

    /// <summary>A contact as read, with what a change needs besides: the version it was read at and its transcript's counters.</summary>
    internal sealed record Stored(ChatContact Contact, string Version, long TranscriptSequence, int TranscriptCount, DateTimeOffset? TranscriptLast, string InstanceId);
}
