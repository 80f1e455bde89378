using System.Diagnostics;
using ConnectMock.Bench.Baseline;
using ConnectMock.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Benchmarks;

/// <summary>
/// <c>loop APP MODE [REQUESTS] [ROUNDS]</c>: drives one app (connectmock or baseline) through <see cref="InProcessServer"/>
/// on one thread and prints, per round, the process CPU time and the bytes allocated per request (all threads,
/// so the log writer and the GC count too). Run each app in its own process; stdout gets the app's own output.
/// </summary>
public static class PipelineLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = args.Length > 1 ? args[1] : "connectmock";
        var mode = args.Length > 2 ? args[2] : "unique";
        var requests = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        var rounds = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 5;

        var options = new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory };
        var builder = WebApplication.CreateBuilder(options);
        WebApplication web;
        if (app == "baseline")
        {
            builder.Services.AddSingleton<IServer, InProcessServer>();
            web = BaselineApp.Build(builder);
        }
        else
        {
            builder.AddConnectMock();
            builder.Services.AddSingleton<IServer, InProcessServer>();
            web = builder.Build();
            web.UseConnectMock();
        }

        await web.StartAsync();

        var server = (InProcessServer)web.Services.GetRequiredService<IServer>();
        var fixedBody = Requests.Utf8("bench-fixed-token-00000001");
        var next = 0;
        byte[] Body() => mode == "fixed" ? fixedBody : Requests.Utf8($"bench-token-{Interlocked.Increment(ref next):D14}");

        // Warm-up: tiering and the store filling up (unique mode reaches the store's bound of 50,000 contacts).
        for (var i = 0; i < 60_000; i++)
        {
            await Check(server.PutChatAsync(Body()));
        }

        // LOOP_ALLOCATIONS=1: which types the measured requests allocate (sampled), after the warm-up.
        using var allocations = Environment.GetEnvironmentVariable("LOOP_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        var bodies = new byte[requests][];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < requests; i++)
            {
                bodies[i] = Body();
            }

            await Task.Delay(200);
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            var gc0 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < requests; i++)
            {
                await Check(server.PutChatAsync(bodies[i]));
            }

            wall.Stop();
            await Task.Delay(200); // let the log writer catch up, so that its CPU is counted
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0 - TimeSpan.FromMilliseconds(0);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            Console.Error.WriteLine(
                $"{app} {mode} round {round}: cpu {cpu.TotalMicroseconds / requests:F2} us/req, wall {wall.Elapsed.TotalMicroseconds / requests:F2} us/req, " +
                $"alloc {(double)allocated / requests:F0} B/req, gc {GC.CollectionCount(0) - gc0.Item1}/{GC.CollectionCount(1) - gc0.Item2}/{GC.CollectionCount(2) - gc0.Item3}");
        }

        allocations?.Print(Console.Error, rounds * requests);
        await web.StopAsync();
        return 0;
    }

    /// <summary>The runtime's allocation sampling (one event per ~100 KB allocated), by type: where the bytes go.</summary>
    private sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
    {
        private readonly Dictionary<string, long> _bytes = [];
        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.Payload is { } payload)
            {
                var type = (string?)payload[e.PayloadNames!.IndexOf("TypeName")] ?? "?";
                var amount = Convert.ToInt64(payload[e.PayloadNames!.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
                lock (_bytes)
                {
                    _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
                }
            }
        }

        public void Print(TextWriter output, long requests)
        {
            lock (_bytes)
            {
                foreach (var (type, bytes) in _bytes.OrderByDescending(t => t.Value).Take(45))
                {
                    output.WriteLine($"  {(double)bytes / requests,8:F0} B/req  {type}");
                }
            }
        }
    }

    private static async Task Check(Task<int> status)
    {
        if (await status != 200)
        {
            throw new InvalidOperationException($"PUT /contact/chat answered {await status}");
        }
    }
}
