using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Micro-benchmarks of StartChatContact's hot path. Run from the repository root:
//   bash bench/run.sh --micro                         every benchmark
//   bash bench/run.sh --micro --filter '*Store*'      some of them (any BenchmarkDotNet argument works)
var config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), ".artifacts", "bench", "micro"));
BenchmarkSwitcher.FromAssembly(typeof(ConnectMock.Benchmarks.Requests).Assembly).Run(args, config);
