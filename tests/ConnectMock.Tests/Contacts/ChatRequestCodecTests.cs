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
        { "only the required members", (ChatRequests.Of("i", "f", "Jane"), null) },
        {
            "every member",
            (ChatRequests.Of("11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "Jane Doe") with { ClientToken = "token-1", Attributes = new Dictionary<string, string> { ["orderId"] = "ORD-1", ["empty"] = string.Empty }, ParticipantConfiguration = new ChatParticipantConfiguration("INCREMENTAL"), InitialMessage = new ChatMessageContent("text/markdown", "**hi**"), ChatDurationInMinutes = 10080, SupportedMessagingContentTypes = ["text/plain", "text/markdown"], PersistentChat = new PersistentChatSource("FROM_SEGMENT", "src"), RelatedContactId = "related", SegmentAttributes = new Dictionary<string, SegmentValue> { ["seg"] = Nested }, CustomerId = "customer-1", DisconnectOnCustomerExit = ["AGENT"] },
            "src")
        },
        {
            "empty values, not null ones",
            (ChatRequests.Of("i", "f", string.Empty) with { ClientToken = string.Empty, Attributes = new Dictionary<string, string>(), ParticipantConfiguration = new ChatParticipantConfiguration(string.Empty), InitialMessage = new ChatMessageContent(string.Empty, string.Empty), ChatDurationInMinutes = 0, SupportedMessagingContentTypes = [], RelatedContactId = string.Empty, SegmentAttributes = new Dictionary<string, SegmentValue>(), CustomerId = string.Empty, DisconnectOnCustomerExit = [] },
            string.Empty)
        },
        {
            "text beyond ASCII, and lone surrogates that UTF-8 cannot carry",
            (ChatRequests.Of("i", "f", "Zoë 🚀 \ud800") with { ClientToken = "tok\udfffen", Attributes = new Dictionary<string, string> { ["k\ud83d"] = "ü" }, InitialMessage = new ChatMessageContent("text/plain", new string('é', 300) + "\udc00"), ChatDurationInMinutes = int.MinValue },
            "\ud800")
        },
        {
            "U+FFFF, which the stored form uses to keep lone surrogates, as text and next to one",
            (ChatRequests.Of("i", "f", "\uffff\ud800\uffff") with { ClientToken = "\uffffFFFF", Attributes = new Dictionary<string, string> { ["\uffff"] = "\ud800\uffff\udc00" } },
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
        var request = ChatRequests.Of("i", "f", "Jane") with { SegmentAttributes = new Dictionary<string, SegmentValue> { ["seg"] = Nested } };
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
        ChatRequestCodec.Write(buffer, ChatRequests.Of("i", "f", "Jane") with { ClientToken = token }, null);
        var presented = new byte[ChatRequestCodec.MaxEncodedBytes(token.Length)];

        var written = ChatRequestCodec.Encode(token, presented);

        Assert.Equal(presented[..written], ChatRequestCodec.Token(buffer.WrittenSpan).ToArray());
        Assert.NotEqual(presented[..written], ChatRequestCodec.Token(Record(token + "x")).ToArray());
    }

    [Fact]
    public void Read_TwoRecordsOfOneDeployment_ShareItsValuesButNotTheCustomersData()
    {
        // Every open chat's contact is read back from its record: the deployment's values are one string each, while
        // a customer's own (its name, its attributes) stay the contact's, and go with it.
        var longType = "text/" + new string('x', 200);
        var first = ChatRequestCodec.Read(Write(Shared("first"))).Request;
        var second = ChatRequestCodec.Read(Write(Shared("second"))).Request;

        Assert.Same(first.InstanceId, second.InstanceId);
        Assert.Same(first.ContactFlowId, second.ContactFlowId);
        Assert.Same(first.SupportedMessagingContentTypes![0], second.SupportedMessagingContentTypes![0]);
        Assert.NotSame(first.SupportedMessagingContentTypes[1], second.SupportedMessagingContentTypes![1]); // long values are not pooled
        Assert.Equal(longType, second.SupportedMessagingContentTypes[1]);
        Assert.NotSame(first.DisplayName, second.DisplayName);
        Assert.NotSame(first.Attributes!["order"], second.Attributes!["order"]);
        Assert.Equivalent(Shared("second"), second, strict: true);

        ChatRequest Shared(string token) => ChatRequests.Of("11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "Load Customer") with
        {
            ClientToken = token,
            SupportedMessagingContentTypes = ["text/plain", longType],
            Attributes = new Dictionary<string, string> { ["order"] = "ORD-1" },
        };
    }

    private static byte[] Write(ChatRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, request, null);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Record(string token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ChatRequestCodec.Write(buffer, ChatRequests.Of("i", "f", "Jane") with { ClientToken = token }, null);
        return buffer.WrittenSpan.ToArray();
    }
}
