using System.Globalization;

namespace ConnectMock.Bench.ChatLoad;

/// <summary>The measured server process as Linux shows it in /proc: resident memory, CPU time, open handles.</summary>
internal sealed class ServerProcess(int pid)
{
    // USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public int Pid => pid;

    /// <summary>Resident set size now, in KB (VmRSS).</summary>
    public long RssKb => Status("VmRSS:");

    /// <summary>Peak resident set size, in KB (VmHWM).</summary>
    public long PeakRssKb => Status("VmHWM:");

    public long Threads => Status("Threads:");

    /// <summary>User plus system CPU time the process has used, in seconds.</summary>
    public double CpuSeconds
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name, in parentheses, may hold spaces: fields are counted after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
    }

    /// <summary>Open file descriptors: sockets, files, the runtime's own.</summary>
    public int Handles => Directory.GetFiles($"/proc/{pid}/fd").Length;

    /// <summary>Open TCP sockets of the process (descriptors that are sockets).</summary>
    public int Sockets => Directory.GetFiles($"/proc/{pid}/fd").Count(fd =>
    {
        try
        {
            return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
    });

    private long Status(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
