using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace ConnectMock.Benchmarks;

/// <summary>
/// Micro-benchmarks of StartChatContact's hot path. Run from the repository root:
/// <c>bash bench/run.sh --micro</c> for every benchmark, <c>bash bench/run.sh --micro --filter '*Store*'</c> for some
/// (any BenchmarkDotNet argument works, e.g. <c>--job short</c>).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "loop")
        {
            return await PipelineLoop.RunAsync(args);
        }

        if (args.Length > 0 && args[0] == "transcript")
        {
            return await TranscriptAllocations.RunAsync(args);
        }

        if (args.Length > 1 && args[0] == "allocs")
        {
            return GcPauses.RunStacks(args);
        }

        if (args.Length > 0 && args[0] == "gc")
        {
            return GcPauses.Run(args);
        }

        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), ".artifacts", "bench", "micro"));
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
        return 0;
    }
}
