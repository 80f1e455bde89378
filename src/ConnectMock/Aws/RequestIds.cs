namespace ConnectMock.Aws;

/// <summary>
/// The x-amzn-RequestId of each call: a version-4 UUID, as AWS sends. A request id names a call in logs and the
/// journal and guards nothing, so it comes from the shared non-cryptographic generator, which costs no system call
/// (ids and tokens that do guard something come from the domain's <c>SecureRandom</c>).
/// </summary>
internal static class RequestIds
{
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, in Guid's little-endian field layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
