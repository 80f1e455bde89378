using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectMock.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace ConnectMock.Benchmarks;

/// <summary>
/// <c>transcript [ITEMS] [CALLS] [REDIS]</c>: the bytes one GetTranscript call allocates (all threads: the in-memory test
/// server and its client included, the same for every case), on a chat of 120 messages and on one of ITEMS messages,
/// for chatjs's page of 15 and AWS's largest page of 100, and the median time of a call. A call that copies or walks
/// the whole transcript shows as a difference between the two chats. With REDIS (a StackExchange.Redis configuration
/// such as 127.0.0.1:6379, a server the run may fill), the app runs on the Redis store instead of the in-memory one.
/// Prints "RESULT transcript_{short|full}_{page}_alloc_b BYTES" and "RESULT transcript_{short|full}_{page}_median_us".
/// </summary>
public static class TranscriptAllocations
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        var redis = args.Length > 3 ? args[3] : null;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        if (redis is not null)
        {
            builder.Configuration["ConnectMock:Store:Provider"] = "Redis";
            builder.Configuration["ConnectMock:Store:Redis:Configuration"] = redis;
        }

        builder.AddConnectMock();
        builder.WebHost.UseTestServer();
        await using var web = builder.Build();
        web.UseConnectMock();
        await web.StartAsync();
        using var client = web.GetTestClient();

        foreach (var (name, length) in new[] { ("short", 120), ("full", items) })
        {
            var started = await CallAsync(client, HttpMethod.Put, "/contact/chat", null,
                $$"""{"InstanceId":"11111111-2222-3333-4444-555555555555","ContactFlowId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","ParticipantDetails":{"DisplayName":"Jane"},"ClientToken":"{{Guid.NewGuid()}}"}""");
            var participantToken = started.RootElement.GetProperty("ParticipantToken").GetString();
            var connection = await CallAsync(client, HttpMethod.Post, "/participant/connection", participantToken, """{"Type":["CONNECTION_CREDENTIALS"]}""");
            var token = connection.RootElement.GetProperty("ConnectionCredentials").GetProperty("ConnectionToken").GetString();
            for (var i = 0; i < length; i++)
            {
                (await CallAsync(client, HttpMethod.Post, "/participant/message", token, $$"""{"ContentType":"text/plain","Content":"transcript item {{i}}"}""")).Dispose();
            }

            foreach (var page in new[] { 15, 100 })
            {
                var body = $$$"""{"MaxResults":{{{page}}},"ScanDirection":"BACKWARD","SortOrder":"ASCENDING","StartPosition":{}}""";
                for (var i = 0; i < calls / 5; i++)
                {
                    (await CallAsync(client, HttpMethod.Post, "/participant/transcript", token, body)).Dispose();
                }

                var times = new double[calls];
                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < calls; i++)
                {
                    var sent = Stopwatch.GetTimestamp();
                    (await CallAsync(client, HttpMethod.Post, "/participant/transcript", token, body)).Dispose();
                    times[i] = Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
                }

                var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
                Array.Sort(times);
                var median = times[calls / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT transcript_{name}_{page}_alloc_b {perCall:0}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT transcript_{name}_{page}_median_us {median:0}"));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GetTranscript, {name} ({length} messages), page {page}: {perCall:0} B per call, median {median:0} us"));
            }
        }

        await web.StopAsync();
        return 0;
    }

    private static async Task<JsonDocument> CallAsync(HttpClient client, HttpMethod method, string path, string? bearer, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Add("X-Amz-Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text)
            : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(text)}");
    }
}
