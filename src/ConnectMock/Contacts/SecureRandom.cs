using System.Security.Cryptography;

namespace ConnectMock.Contacts;

/// <summary>
/// Cryptographically strong random bytes and version-4 GUIDs for ids and tokens, served from a per-thread buffer that
/// <see cref="RandomNumberGenerator"/> refills 4 KB at a time. On Linux, <see cref="Guid.NewGuid"/> and
/// <see cref="RandomNumberGenerator.Fill"/> each cost a system call, and a started chat needs two ids and a token:
/// buffering takes those calls off every new chat (bench/RESULTS.md, "3. Randomness from a per-thread buffer").
/// The bytes come from the same generator; each is handed out once and wiped from the buffer when it is.
/// </summary>
internal static class SecureRandom
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? _buffer;

    [ThreadStatic]
    private static int _next;

    /// <summary>Fills <paramref name="destination"/> (at most 4 KB) with random bytes.</summary>
    public static void Fill(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, BufferSize);
        var buffer = _buffer;
        var next = _next;
        if (buffer is null || BufferSize - next < destination.Length)
        {
            buffer = _buffer ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            next = 0;
        }

        var taken = buffer.AsSpan(next, destination.Length);
        taken.CopyTo(destination);
        taken.Clear();
        _next = next + destination.Length;
    }

    /// <summary>A random (version 4, RFC 9562 variant) GUID, as <see cref="Guid.NewGuid"/> makes.</summary>
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes);

        // Guid's byte order is little-endian for its first three fields: byte 7 is the top of the version field.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
