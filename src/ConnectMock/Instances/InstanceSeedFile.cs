using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ConnectMock.Instances;

/// <summary>
/// Reads the instances of <see cref="InstanceOptions.SeedFile"/>; <see cref="InstanceOptionsValidator"/> then stops the
/// start when the file is missing or unusable, is not JSON, or declares an instance the rules refuse.
/// </summary>
internal sealed class InstanceSeedFile : IPostConfigureOptions<InstanceOptions>
{
    /// <summary>The largest seed file read; thousands of instances take a fraction of it.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    public const string SeedFileKey = InstanceOptions.Section + ":" + nameof(InstanceOptions.SeedFile);

    private static readonly JsonSerializerOptions SeedJson = new() { PropertyNameCaseInsensitive = true };

    public void PostConfigure(string? name, InstanceOptions options)
    {
        if (string.IsNullOrEmpty(options.SeedFile))
        {
            return;
        }

        // Problems are reported by InstanceOptionsValidator, which runs next at start, so they stop it with a message, not a stack trace.
        if (Read(options.SeedFile, options) is { } problem)
        {
            options.SeedFileError = $"{SeedFileKey} '{options.SeedFile}' {problem}";
        }
    }

    /// <summary>Adds the file's instances to <paramref name="options"/>; what is wrong with the file, or null.</summary>
    private static string? Read(string path, InstanceOptions options)
    {
        // Only a regular file is opened: opening a FIFO waits for a writer for ever (SIGTERM cannot end that wait),
        // and a device such as /dev/zero never ends.
        if (Directory.Exists(path))
        {
            return "is a directory.";
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return "does not exist.";
        }

        if (NotRegularFileType(path) is { } type)
        {
            return $"is not a regular file (it is a {type}).";
        }

        if (file.Length > MaxBytes)
        {
            return $"is larger than {MaxBytes / (1024 * 1024)} MiB ({file.Length} bytes).";
        }

        try
        {
            using var content = ReadAtMost(path, MaxBytes + 1);
            if (content.Length > MaxBytes)
            {
                return $"is larger than {MaxBytes / (1024 * 1024)} MiB.";
            }

            var seed = JsonSerializer.Deserialize<InstanceOptions>(content, SeedJson);
            foreach (var instance in seed?.Instances ?? [])
            {
                if (instance is null)
                {
                    return "has an entry of Instances that is null.";
                }

                // A null list in JSON means none, as an absent one does.
                instance.ContactFlowIds ??= [];
                options.SeedFileInstances.Add(instance);
            }

            return null;
        }
        catch (JsonException ex)
        {
            return $"is not valid JSON at {ex.Path ?? "$"} (line {(ex.LineNumber ?? 0) + 1}).";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {ex.Message}";
        }
    }

    /// <summary>The file's first bytes, to one past the limit at most: the file may have grown since it was measured.</summary>
    private static MemoryStream ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (content.Length < limit && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
        }

        content.Position = 0;
        return content;
    }

    /// <summary>
    /// What the file is when it is not a regular one (a FIFO, a device, a socket), from Linux's statx; null for a
    /// regular file, and where statx is missing (other systems, old C libraries), where the size limit still holds.
    /// .NET tells directories from files but not a FIFO or a device from a regular file.
    /// </summary>
    private static string? NotRegularFileType(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        const int AtCurrentDirectory = -100;
        const uint StatxType = 0x1;
        const int ModeOffset = 28; // struct statx: mask, blksize (u32), attributes (u64), nlink, uid, gid (u32), mode (u16)
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, Encoding.UTF8.GetBytes(path + "\0"), 0, StatxType, buffer) != 0)
            {
                return null; // The open that follows reports what is wrong.
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 or 0x4000 => null,
            0x1000 => "FIFO",
            0x2000 => "character device",
            0x6000 => "block device",
            0xC000 => "socket",
            _ => "special file",
        };
    }

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] result);
}
