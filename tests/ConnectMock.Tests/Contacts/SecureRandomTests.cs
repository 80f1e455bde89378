using ConnectMock.Contacts;

namespace ConnectMock.Tests.Contacts;

public sealed class SecureRandomTests
{
    [Fact]
    public void NewGuid_IsAVersion4GuidLikeGuidNewGuid()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var id = SecureRandom.NewGuid();
            Assert.Equal(4, id.Version);
            Assert.InRange(id.Variant, 8, 11); // RFC 9562 variant: binary 10xx, as Guid.NewGuid sets it
        }
    }

    [Fact]
    public void NewGuid_NeverRepeats_AcrossBufferRefills()
    {
        // 4 KB buffers hold 256 GUIDs: 100,000 of them cross hundreds of refills.
        var seen = new HashSet<Guid>();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(SecureRandom.NewGuid()));
        }
    }

    [Fact]
    public void Fill_HandsOutFreshBytes_EvenWhenARequestDoesNotFitTheRestOfTheBuffer()
    {
        var first = new byte[4000];
        var second = new byte[4000];
        SecureRandom.Fill(first);
        SecureRandom.Fill(second);

        Assert.NotEqual(first, second);
        Assert.Contains(second, b => b != 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureRandom.Fill(new byte[4097]));
    }
}
