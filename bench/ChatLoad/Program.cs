using System.Globalization;
using ConnectMock.Bench.ChatLoad;

// The chat workload's load client. bench/chat.sh runs it once per server and phase:
//
//   ChatLoad chats      --url URL --pid PID [--redis-pid PID] [--stages 1000,5000,10000] [--idle S] [--bots N] [--rate R] [--rate-seconds S] [--ladder-seconds S]
//   ChatLoad churn      --url URL --pid PID [--seconds S] [--warmup S] [--workers N]
//   ChatLoad transcript --url URL --pid PID [--items N] [--calls N]
//
// Every figure goes to stdout as "RESULT name value"; progress to stderr. Exit code 1 when something failed
// (an HTTP error, a socket that did not open, a message not delivered, a ping or heartbeat left unanswered).
var options = Options.Parse(args[1..]);
var server = new ServerProcess(options.Int("pid", 0));
var url = new Uri(options.Text("url", "http://127.0.0.1:8080/"));
var failures = args[0] switch
{
    "chats" => await OpenChats.RunAsync(url, server, options.Int("redis-pid", 0) is > 0 and var redis ? new ServerProcess(redis) : null, options),
    "churn" => await Churn.RunAsync(url, server, options),
    "transcript" => await TranscriptReads.RunAsync(url, options),
    _ => throw new ArgumentException($"unknown command '{args[0]}': chats, churn or transcript"),
};
Report.Value("failures", failures);
return failures == 0 ? 0 : 1;

namespace ConnectMock.Bench.ChatLoad
{
    /// <summary>--name value pairs.</summary>
    internal sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            return new Options(values);
        }

        public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

        public int Int(string name, int fallback) =>
            values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public double Double(string name, double fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        public int[] Ints(string name, string fallback) =>
            [.. Text(name, fallback).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
    }

    internal static class Report
    {
        public static void Value(string name, double value) =>
            Console.WriteLine(double.IsFinite(value)
                ? string.Create(CultureInfo.InvariantCulture, $"RESULT {name} {value:0.###}")
                : $"RESULT {name} inf");

        public static void Progress(string text) =>
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] chatload: {text}");
    }
}
