namespace ConnectMock.Contacts;

/// <summary>What a client asked for when it started a chat: every member it sent, as it sent it.</summary>
internal sealed record ChatRequest(
    string InstanceId,
    string ContactFlowId,
    string DisplayName,
    string? ClientToken,
    IReadOnlyDictionary<string, string>? Attributes,
    string? ResponseMode,
    ChatMessageContent? InitialMessage,
    int? ChatDurationInMinutes,
    IReadOnlyList<string>? SupportedMessagingContentTypes,
    PersistentChatSource? PersistentChat,
    string? RelatedContactId,
    IReadOnlyDictionary<string, SegmentValue>? SegmentAttributes,
    string? CustomerId,
    IReadOnlyList<string>? DisconnectOnCustomerExit)
{
    /// <summary>The documented default when ChatDurationInMinutes is left out: 25 hours.</summary>
    public const int DefaultChatDurationInMinutes = 1500;

    public TimeSpan ChatDuration => TimeSpan.FromMinutes(ChatDurationInMinutes ?? DefaultChatDurationInMinutes);

    /// <summary>True when both requests ask for the same chat, whatever their ClientToken.</summary>
    public bool HasSameParametersAs(ChatRequest other) =>
        InstanceId == other.InstanceId
        && ContactFlowId == other.ContactFlowId
        && DisplayName == other.DisplayName
        && ResponseMode == other.ResponseMode
        && InitialMessage == other.InitialMessage
        && ChatDurationInMinutes == other.ChatDurationInMinutes
        && PersistentChat == other.PersistentChat
        && RelatedContactId == other.RelatedContactId
        && CustomerId == other.CustomerId
        && Same.Map(Attributes, other.Attributes, string.Equals)
        && Same.List(SupportedMessagingContentTypes, other.SupportedMessagingContentTypes, string.Equals)
        && Same.Map(SegmentAttributes, other.SegmentAttributes, SegmentValue.SameAs)
        && Same.List(DisconnectOnCustomerExit, other.DisconnectOnCustomerExit, string.Equals);

    /// <summary>A rough count of the bytes this request keeps alive, so the store can bound its memory.</summary>
    public long EstimatedBytes()
    {
        long bytes = 256 + Size.Of(InstanceId) + Size.Of(ContactFlowId) + Size.Of(DisplayName) + Size.Of(ClientToken)
            + Size.Of(ResponseMode) + Size.Of(RelatedContactId) + Size.Of(CustomerId);
        bytes += InitialMessage is null ? 0 : 32 + Size.Of(InitialMessage.ContentType) + Size.Of(InitialMessage.Content);
        bytes += PersistentChat is null ? 0 : 32 + Size.Of(PersistentChat.RehydrationType) + Size.Of(PersistentChat.SourceContactId);
        bytes += Size.Of(Attributes, Size.Of);
        bytes += Size.Of(SupportedMessagingContentTypes, Size.Of);
        bytes += Size.Of(SegmentAttributes, v => v.EstimatedBytes());
        bytes += Size.Of(DisconnectOnCustomerExit, Size.Of);
        return bytes;
    }
}

/// <summary>A chat message: its content type and content.</summary>
internal sealed record ChatMessageContent(string ContentType, string Content);

/// <summary>The past contact a persistent chat continues from.</summary>
internal sealed record PersistentChatSource(string RehydrationType, string SourceContactId);

/// <summary>The value of a segment attribute: at most one of its members is normally set.</summary>
internal sealed record SegmentValue(
    string? ValueString,
    IReadOnlyDictionary<string, SegmentValue>? ValueMap,
    int? ValueInteger,
    IReadOnlyList<SegmentValue>? ValueList,
    string? ValueArn)
{
    public static bool SameAs(SegmentValue? a, SegmentValue? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null
            && a.ValueString == b.ValueString
            && a.ValueInteger == b.ValueInteger
            && a.ValueArn == b.ValueArn
            && Same.Map(a.ValueMap, b.ValueMap, SameAs)
            && Same.List(a.ValueList, b.ValueList, SameAs));

    public long EstimatedBytes() =>
        48 + Size.Of(ValueString) + Size.Of(ValueArn)
        + Size.Of(ValueMap, v => v.EstimatedBytes())
        + Size.Of(ValueList, v => v.EstimatedBytes());
}

/// <summary>Content equality of the request's collections (records compare collections by reference).</summary>
internal static class Same
{
    public static bool List<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, Func<T, T, bool> equal)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!equal(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Map<T>(IReadOnlyDictionary<string, T>? a, IReadOnlyDictionary<string, T>? b, Func<T, T, bool> equal)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !equal(value, other))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Approximate managed sizes: a string is 22 bytes of header plus two per UTF-16 unit; entries cost about 32 more.</summary>
internal static class Size
{
    public static long Of(string? value) => value is null ? 0 : 22 + (2L * value.Length);

    public static long Of<T>(IReadOnlyList<T>? list, Func<T, long> item)
    {
        if (list is null)
        {
            return 0;
        }

        long bytes = 64;
        foreach (var value in list)
        {
            bytes += 8 + item(value);
        }

        return bytes;
    }

    public static long Of<T>(IReadOnlyDictionary<string, T>? map, Func<T, long> value)
    {
        if (map is null)
        {
            return 0;
        }

        long bytes = 96;
        foreach (var (key, item) in map)
        {
            bytes += 32 + Of(key) + value(item);
        }

        return bytes;
    }
}
