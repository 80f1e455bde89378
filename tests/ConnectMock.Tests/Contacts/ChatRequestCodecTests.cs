using System.Buffers;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;

namespace ConnectMock.Tests.Contacts;

public sealed class ChatRequestCodecTests
{
    private static readonly SegmentValue Nested = new(
        null,
        new Dictionary<string, SegmentValue> { ["inner"] = new("deep", null, null, null, null) },
        null,
        [new SegmentValue(null, null, -7, null, null), new SegmentValue(null, null, null, null, "arn:aws:connect:x")],
        null);

    private static readonly Dictionary<string, (ChatRequest Request, string? ContinuedFrom)> Cases = new()
    {
        { "only the required members", (new ChatRequest("i", "f", new("Jane"), null, null, null, null, null, null, null, null, null, null, null), null) },
        {
            "every member",
            (new ChatRequest(
                "11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", new("Jane Doe"), "token-1",
                new Dictionary<string, string> { ["orderId"] = "ORD-1", ["empty"] = string.Empty }, new ChatParticipantConfiguration("INCREMENTAL"),
                new ChatMessageContent("text/markdown", "**hi**"), 10080, ["text/plain", "text/markdown"],
                new PersistentChatSource("FROM_SEGMENT", "src"), "related", new Dictionary<string, SegmentValue> { ["seg"] = Nested },
                "customer-1", ["AGENT"]),
            "src")
        },
        {
            "empty values, not null ones",
            (new ChatRequest("i", "f", new(string.Empty), string.Empty, new Dictionary<string, string>(), new ChatParticipantConfiguration(string.Empty),
                new ChatMessageContent(string.Empty, string.Empty), 0, [], null, string.Empty, new Dictionary<string, SegmentValue>(), string.Empty, []),
            string.Empty)
        },
        {
            "text beyond ASCII, and lone surrogates that UTF-8 cannot carry",
            (new ChatRequest("i", "f", new("Zoë 🚀 \ud800"), "tok\udfffen", new Dictionary<string, string> { ["k\ud83d"] = "ü" }, null,
                new ChatMessageContent("text/plain", new string('é', 300) + "\udc00"), int.MinValue, null, null, null, null, null, null),
            "\ud800")
        },
        {
            "U+FFFF, which the stored form uses to keep lone surrogates, as text and next to one",
            (new ChatRequest("i", "f", new("\uffff\ud800\uffff"), "\uffffFFFF", new Dictionary<string, string> { ["\uffff"] = "\ud800\uffff\udc00" }, null,
                null, null, null, null, null, null, null, null),
            "\uffff")
        },
    };

    public static TheoryData<string> Requests() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Requests))]
    public void Read_AfterWrite_GivesBackEveryMember(string because)
    {
        var (request, continuedFrom) = Cases[because];
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, request, continuedFrom);

        var (read, readContinuedFrom) = ChatRequestCodec.Read(buffer.WrittenSpan);

        Assert.Equivalent(request, read, strict: true);
        Assert.Equal(continuedFrom, readContinuedFrom);
    }

    [Fact]
    public void Read_AfterWrite_GivesBackEveryMemberOfTheRecord()
    {
        // Every member set, found by reflection rather than listed here: a member that Write or Read leaves out fails this.
        var request = Filled.Of<ChatRequest>();
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, request, "from");

        var (read, continuedFrom) = ChatRequestCodec.Read(buffer.WrittenSpan);

        Assert.Equivalent(request, read, strict: true);
        Assert.Equal("from", continuedFrom);
    }

    [Fact]
    public void Read_AfterWrite_KeepsNestedSegmentValues()
    {
        var request = new ChatRequest("i", "f", new("Jane"), null, null, null, null, null, null, null, null,
            new Dictionary<string, SegmentValue> { ["seg"] = Nested }, null, null);
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, request, null);

        var read = ChatRequestCodec.Read(buffer.WrittenSpan).Request.SegmentAttributes!["seg"];

        Assert.Equal("deep", read.ValueMap!["inner"].ValueString);
        Assert.Equal(-7, read.ValueList![0].ValueInteger);
        Assert.Equal("arn:aws:connect:x", read.ValueList[1].ValueArn);
        Assert.Null(read.ValueString);
        Assert.Null(read.ValueInteger);
    }

    [Theory]
    [InlineData("token-1")]
    [InlineData("")]
    [InlineData("tok\udfffen")]
    [InlineData("日本語のトークン")]
    public void Token_OfARecord_IsWhatEncodeWrites(string token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, new ChatRequest("i", "f", new("Jane"), token, null, null, null, null, null, null, null, null, null, null), null);
        var presented = new byte[ChatRequestCodec.MaxEncodedBytes(token.Length)];

        var written = ChatRequestCodec.Encode(token, presented);

        Assert.Equal(presented[..written], ChatRequestCodec.Token(buffer.WrittenSpan).ToArray());
        Assert.NotEqual(presented[..written], ChatRequestCodec.Token(Record(token + "x")).ToArray());
    }

    private static byte[] Record(string token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, new ChatRequest("i", "f", new("Jane"), token, null, null, null, null, null, null, null, null, null, null), null);
        return buffer.WrittenSpan.ToArray();
    }
}
