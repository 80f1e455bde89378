using System.Security.Cryptography;

namespace ConnectMock.Contacts;

/// <summary>Opaque, unguessable participant tokens: 384 random bits from the OS CSPRNG, base64 (64 characters).</summary>
public static class ParticipantTokens
{
    private const int RandomBytes = 48;

    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes);
    }
}
