using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Analysis;
using Microsoft.Diagnostics.Tracing.Analysis.GC;

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

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
