using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/CollabApp.Benchmarks -- [--quick|--dry] [BenchmarkDotNet args, e.g. --filter '*']
//   --quick  ShortRun (1 launch, 3 warmups, 3 iterations): a sanity run of a couple of minutes
//   --dry    one invocation of each benchmark: checks that they run, measures nothing worth reading
//   default  1 launch, 3 warmups, 10 iterations
var quick = args.Contains("--quick");
var dry = args.Contains("--dry");
var rest = args.Where(a => a is not "--quick" and not "--dry").ToArray();
if (!rest.Contains("--filter"))
{
    rest = [.. rest, "--filter", "*"];
}

var job = dry ? Job.Dry : quick ? Job.ShortRun : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job.WithId(dry ? "Dry" : quick ? "Quick" : "Full"))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.OperationsPerSecond)
    .AddExporter(JsonExporter.Brief)
    .AddExporter(MarkdownExporter.GitHub);

BenchmarkSwitcher.FromAssembly(typeof(CollabApp.Benchmarks.OtCoreBenchmarks).Assembly).Run(rest, config);
