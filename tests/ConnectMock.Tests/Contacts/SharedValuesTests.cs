using ConnectMock.Contacts;

namespace ConnectMock.Tests.Contacts;

public sealed class SharedValuesTests
{
    [Fact]
    public void EqualShortValues_AreOneString()
    {
        var first = SharedValues.Share(new string("text/plain".AsSpan()));
        var second = SharedValues.Share(new string("text/plain".AsSpan()));

        Assert.Same(first, second);
    }

    [Fact]
    public void LongValues_AreKeptAsTheyCame()
    {
        var value = new string('k', SharedValues.MaxLength + 1);

        Assert.Same(value, SharedValues.Share(value));
        Assert.NotSame(SharedValues.Share(new string('k', SharedValues.MaxLength + 1)), value);
    }

    [Fact]
    public void EqualLists_AreOneReadOnlyList_WithTheSameItemsInOrder()
    {
        var first = SharedValues.Share(new List<string?> { "text/plain", "text/markdown" });
        var second = SharedValues.Share(new List<string?> { "text/plain", "text/markdown" });
        var other = SharedValues.Share(new List<string?> { "text/markdown", "text/plain" });

        Assert.Same(first, second);
        Assert.Equal(["text/plain", "text/markdown"], first);
        Assert.Equal(["text/markdown", "text/plain"], other);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)first).Add("x"));
    }

    [Fact]
    public void MapKeys_AreShared_ValuesKept()
    {
        var map = new Dictionary<string, string?> { [new string("orderId".AsSpan())] = "ORD-1" };

        var copy = SharedValues.WithSharedKeys(map, v => v!);

        Assert.Equal("ORD-1", copy["orderId"]);
        Assert.Same(SharedValues.Share("orderId"), copy.Keys.Single());
    }
}
