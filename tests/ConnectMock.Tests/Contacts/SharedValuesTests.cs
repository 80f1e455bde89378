using ConnectMock.Contacts.Storage;

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

    [Theory]
    [InlineData(new string[0], new[] { "" })]
    [InlineData(new[] { "a\nb" }, new[] { "a", "b" })]
    [InlineData(new[] { "1:a" }, new[] { "1", "a" })]
    public void DifferentLists_AreNeverOne(string[] one, string[] other)
    {
        var first = SharedValues.Share(one.ToList<string?>());
        var second = SharedValues.Share(other.ToList<string?>());

        Assert.Equal(one, first);
        Assert.Equal(other, second);
    }
}
