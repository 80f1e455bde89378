using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using ConnectMock.Testing;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Testing;

/// <summary>
/// The typed control-plane client and openapi/control-plane.json cannot drift: every operation of the document has
/// one client method, and each method sends exactly that operation's method and path.
/// </summary>
public sealed class ControlPlaneClientCoverageTests
{
    private static readonly IReadOnlyList<(MethodInfo Method, ControlPlaneOperationAttribute Operation)> ClientMethods =
    [
        .. typeof(ConnectMockControlPlaneClient).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => (Method: m, Operation: m.GetCustomAttribute<ControlPlaneOperationAttribute>()!))
            .Where(m => m.Operation is not null),
    ];

    public static TheoryData<string> ClientOperations => [.. ClientMethods.Select(m => m.Operation.OperationId)];

    [Fact]
    public void Every_operation_of_the_document_has_a_client_method_with_its_method_and_path()
    {
        var documented = DocumentedOperations();
        var missing = documented.Where(d => !ClientMethods.Any(m => m.Operation.OperationId == d.Key)).Select(d => d.Key).ToList();
        Assert.True(missing.Count == 0, $"ConnectMockControlPlaneClient has no method for: {string.Join(", ", missing)}");
        foreach (var (method, operation) in ClientMethods)
        {
            Assert.True(documented.TryGetValue(operation.OperationId, out var route), $"{method.Name} calls {operation.OperationId}, which openapi/control-plane.json does not have");
            Assert.Equal(route, (operation.Method, operation.Path));
        }
    }

    [Theory]
    [MemberData(nameof(ClientOperations))]
    public async Task Each_method_sends_its_operations_method_and_path(string operationId)
    {
        var (method, operation) = ClientMethods.Single(m => m.Operation.OperationId == operationId);
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder) { BaseAddress = new Uri("http://127.0.0.1:1/") };
        using var client = new ConnectMockControlPlaneClient(http, "the-key");
        var arguments = method.GetParameters().Select(Argument).ToArray();

        var call = (Task)method.Invoke(client, arguments)!;

        var refused = await Assert.ThrowsAsync<ConnectMockControlPlaneException>(() => call);
        Assert.Equal("recorded", refused.Message);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var request = Assert.Single(recorder.Requests);
        var expectedPath = method.GetParameters().Aggregate(operation.Path, (path, p) => path.Replace("{" + p.Name + "}", "value-of-" + p.Name, StringComparison.Ordinal));
        Assert.Equal(operation.Method, request.Method.Method);
        Assert.Equal(expectedPath, request.RequestUri!.AbsolutePath);
        Assert.Equal("the-key", Assert.Single(request.Headers.GetValues("X-ConnectMock-Api-Key")));
    }

    private static Dictionary<string, (string Method, string Path)> DocumentedOperations()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "openapi", "control-plane.json")))!;
        var operations = new Dictionary<string, (string, string)>();
        foreach (var (path, methods) in document["paths"]!.AsObject())
        {
            foreach (var (method, body) in methods!.AsObject())
            {
                operations.Add((string)body!["operationId"]!, (method.ToUpperInvariant(), path));
            }
        }

        return operations;
    }

    private static object? Argument(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(string))
        {
            return "value-of-" + parameter.Name;
        }

        if (type == typeof(CancellationToken) || parameter.HasDefaultValue)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : default(CancellationToken);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromMinutes(61);
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        // The request records: every member optional.
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => p.DefaultValue)]);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent("""{"error":"recorded"}""") });
        }
    }
}
