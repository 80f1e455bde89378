using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Analysis;
using Microsoft.Diagnostics.Tracing.Analysis.GC;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using TraceLog = Microsoft.Diagnostics.Tracing.Etlx.TraceLog;

namespace ConnectMock.Benchmarks;

/// <summary>
/// <c>gc TRACE.nettrace</c>: the GC pauses of a trace recorded with the runtime's GC events (what
/// <c>bench/profile.sh</c> records with GC=1), per generation and kind: how many, how long, how much each promoted
/// and how much was allocated between collections. Request latency's tail is made of these pauses, so this is the
/// table that says which collections to make rarer or cheaper.
/// </summary>
internal static class GcPauses
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine("usage: gc TRACE.nettrace");
            return 2;
        }

        using var source = new EventPipeEventSource(args[1]);
        source.NeedLoadedDotNetRuntimes();
        var allocated = new Dictionary<string, long>(StringComparer.Ordinal);
        source.Clr.GCAllocationTick += tick =>
            allocated[tick.TypeName ?? "?"] = allocated.GetValueOrDefault(tick.TypeName ?? "?") + tick.AllocationAmount64;
        source.Process();
        var gcs = source.Processes()
            .Select(process => process.LoadedDotNetRuntime()?.GC?.GCs)
            .OfType<List<TraceGC>>()
            .MaxBy(list => list.Count);
        if (gcs is not { Count: > 0 })
        {
            Console.Error.WriteLine("no GC in the trace");
            return 1;
        }

        var span = gcs[^1].StartRelativeMSec + gcs[^1].DurationMSec - gcs[0].StartRelativeMSec;
        var paused = gcs.Sum(gc => gc.PauseDurationMSec);
        Console.WriteLine(Invariant($"{gcs.Count} GCs in {span:F0} ms; paused {paused:F0} ms ({100 * paused / span:F1}% of the time)"));
        Console.WriteLine();
        Console.WriteLine("| generation | kind | count | pause total ms | median ms | p90 ms | max ms | promoted median MB | allocated between, median MB |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in gcs.GroupBy(gc => (gc.Generation, gc.Type)).OrderBy(g => g.Key.Generation).ThenBy(g => g.Key.Type))
        {
            var pauses = group.Select(gc => gc.PauseDurationMSec).Order().ToArray();
            Console.WriteLine(Invariant(
                $"| {group.Key.Generation} | {group.Key.Type} | {pauses.Length} | {pauses.Sum():F1} | {Median(pauses):F2} | {pauses[(int)(pauses.Length * 0.9)]:F2} | {pauses[^1]:F2} | {Median(group.Select(gc => gc.PromotedMB)):F2} | {Median(group.Select(gc => gc.AllocedSinceLastGCMB)):F1} |"));
        }

        PrintMarkTimes(gcs);
        PrintAllocations(allocated);
        return 0;
    }

    /// <summary>
    /// Where the mark phase of the blocking collections spent its time, per kind of root (the runtime's verbose GC
    /// events, level 5; absent at level 4): a pause that promotes little but lasts long is made by one of these.
    /// </summary>
    private static void PrintMarkTimes(List<TraceGC> gcs)
    {
        var marked = gcs.Where(gc => gc.PerHeapMarkTimes is { Count: > 0 } && gc.Type != GCType.BackgroundGC).ToList();
        if (marked.Count == 0)
        {
            return;
        }

        var kinds = Enum.GetValues<MarkRootType>().Where(kind => kind != MarkRootType.MarkMax).ToArray();
        Console.WriteLine();
        Console.WriteLine($"Mark time per root, blocking GCs with verbose events ({marked.Count}): median ms and promoted median MB");
        Console.WriteLine();
        Console.WriteLine("| generation | count | pause median ms | " + string.Join(" | ", kinds.Select(kind => $"{kind} ms / MB")) + " |");
        Console.WriteLine("|---|---:|---:|" + string.Concat(kinds.Select(_ => "---:|")));
        foreach (var group in marked.GroupBy(gc => gc.Generation).OrderBy(g => g.Key))
        {
            var cells = kinds.Select(kind => Invariant(
                $"{Median(group.Select(gc => gc.PerHeapMarkTimes.Values.Sum(heap => heap.MarkTimes[(int)kind]))):F2} / {Median(group.Select(gc => gc.PerHeapMarkTimes.Values.Sum(heap => heap.MarkPromoted[(int)kind]) / 1e6)):F2}"));
            Console.WriteLine(Invariant($"| {group.Key} | {group.Count()} | {Median(group.Select(gc => gc.PauseDurationMSec)):F2} | ") + string.Join(" | ", cells) + " |");
        }
    }

    /// <summary>
    /// <c>allocs TRACE.nettrace</c>: allocation samples by type and by the innermost frames of their stacks (a trace
    /// with the GC keyword at verbose level and JIT and loader events, of a server run with DOTNET_ReadyToRun=0 so
    /// that every method is named): where the bytes that make collections come from.
    /// </summary>
    public static int RunStacks(string[] args)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(args[1]);
        using var log = new TraceLog(etlx);
        var bySite = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var data in log.Events)
        {
            if (data is not GCAllocationTickTraceData tick)
            {
                continue;
            }

            total += tick.AllocationAmount64;
            var frames = new List<string>();
            for (var stack = data.CallStack(); stack is not null && frames.Count < 6; stack = stack.Caller)
            {
                var name = stack.CodeAddress.FullMethodName;
                if (!string.IsNullOrEmpty(name))
                {
                    frames.Add(name.Length > 110 ? name[..110] : name);
                }
            }

            var site = $"{tick.TypeName} <- {string.Join(" <- ", frames)}";
            bySite[site] = bySite.GetValueOrDefault(site) + tick.AllocationAmount64;
        }

        Console.WriteLine(Invariant($"Allocations sampled: {total / 1e6:F1} MB"));
        foreach (var (site, bytes) in bySite.OrderByDescending(pair => pair.Value).Take(40))
        {
            Console.WriteLine(Invariant($"{bytes / 1e6,7:F1} MB {100.0 * bytes / total,5:F1}%  {site}"));
        }

        return 0;
    }

    /// <summary>
    /// What was allocated, by type, from the runtime's allocation samples (one per about 100 KB, verbose GC events):
    /// the types to allocate less of to make collections rarer.
    /// </summary>
    private static void PrintAllocations(Dictionary<string, long> allocated)
    {
        var total = allocated.Values.Sum();
        if (total == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Allocations sampled: {total / 1e6:F1} MB; the 25 largest types"));
        Console.WriteLine();
        Console.WriteLine("| type | MB | share |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (type, bytes) in allocated.OrderByDescending(pair => pair.Value).Take(25))
        {
            Console.WriteLine(Invariant($"| `{type}` | {bytes / 1e6:F1} | {100.0 * bytes / total:F1}% |"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
