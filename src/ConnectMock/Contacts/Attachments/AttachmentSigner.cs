using System.Security.Cryptography;
using System.Text;

namespace ConnectMock.Contacts.Attachments;

/// <summary>
/// Signs the attachment URLs ConnectMock hands out in place of Amazon S3's pre-signed ones: HMAC-SHA256, with a
/// per-process key (one for every replica of one Redis), over the method, the attachment, the expiry and the values of the headers the request must
/// carry, so that a URL used with another method, for another file, after its expiry or without its headers fails
/// as S3 fails it. The host is left out: behind a proxy or in a container the URL's host is not the one the server
/// sees.
/// </summary>
internal sealed class AttachmentSigner(ISharedKeys? shared = null)
{
    // With a shared store, the key every replica signs with, so that a URL one hands out works on another.
    private readonly byte[] _key = shared?.Key("attachment-urls") ?? RandomNumberGenerator.GetBytes(32);

    /// <summary>The signature, lower-case hex as S3 writes <c>X-Amz-Signature</c>.</summary>
    public string Sign(string method, string attachmentId, long expiresAtUnixSeconds, IReadOnlyList<string> signedHeaderValues)
    {
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(attachmentId).Append('\n')
            .Append(expiresAtUnixSeconds).Append('\n');
        foreach (var value in signedHeaderValues)
        {
            canonical.Append(value.Trim()).Append('\n');
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Whether <paramref name="signature"/> is the one <see cref="Sign"/> gives, compared in constant time.</summary>
    public bool Verifies(string signature, string method, string attachmentId, long expiresAtUnixSeconds, IReadOnlyList<string> signedHeaderValues)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(method, attachmentId, expiresAtUnixSeconds, signedHeaderValues));
        var given = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
