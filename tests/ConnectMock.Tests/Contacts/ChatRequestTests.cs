using ConnectMock.Contacts;

namespace ConnectMock.Tests.Contacts;

public sealed class ChatRequestTests
{
    public static TheoryData<string> Members() =>
        [.. typeof(ChatRequest).GetConstructors().Single().GetParameters().Select(p => p.Name!)];

    [Theory]
    [MemberData(nameof(Members))]
    public void HasSameParametersAs_AnyMemberButTheClientTokenDiffering_IsFalse(string member)
    {
        var request = Filled.Of<ChatRequest>();
        var other = Filled.With(request, member);

        Assert.Equal(member == nameof(ChatRequest.ClientToken), request.HasSameParametersAs(other));
        Assert.Equal(member == nameof(ChatRequest.ClientToken), other.HasSameParametersAs(request));
    }

    [Fact]
    public void HasSameParametersAs_EqualMapsAndListsThatAreOtherObjects_IsTrue()
    {
        var request = Filled.Of<ChatRequest>();
        var copy = Filled.Of<ChatRequest>() with { ClientToken = "another" };

        Assert.NotSame(request.Attributes, copy.Attributes);
        Assert.True(request.HasSameParametersAs(copy));
        Assert.True(copy.HasSameParametersAs(request));
    }

    [Fact]
    public void HasSameParametersAs_TheSameEntriesInAnotherOrder_IsTrue()
    {
        var request = ChatRequests.Of("i", "f", "Jane") with { ClientToken = "t", Attributes = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        var reordered = request with { Attributes = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };

        Assert.True(request.HasSameParametersAs(reordered));
        Assert.False(request.HasSameParametersAs(request with { SupportedMessagingContentTypes = ["text/plain", "text/markdown"] }));
        Assert.False((request with { SupportedMessagingContentTypes = ["text/plain", "text/markdown"] })
            .HasSameParametersAs(request with { SupportedMessagingContentTypes = ["text/markdown", "text/plain"] }));
    }
}
