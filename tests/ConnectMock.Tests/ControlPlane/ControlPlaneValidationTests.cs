using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>Every control-plane input has the limits of its AWS counterpart; breaking one is a plain JSON 400 naming it.</summary>
public sealed class ControlPlaneValidationTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private static readonly string Long101 = new('i', 101);
    private static readonly string Long257 = new('n', 257);
    private static readonly string Long501 = new('t', 501);

    public static TheoryData<string, string, string?, string> BadInputs => new()
    {
        // GET /requests
        { "GET", "/requests?limit=-1", null, "limit" },
        { "GET", "/requests?limit=0", null, "limit" },
        { "GET", "/requests?limit=1001", null, "limit" },
        { "GET", "/requests?limit=abc", null, "limit" },
        { "GET", "/requests?maxResults=0", null, "maxResults" },
        { "GET", "/requests?maxResults=99999999999", null, "maxResults" },
        { "GET", "/requests?nextToken=-1", null, "nextToken" },
        { "GET", "/requests?nextToken=0", null, "nextToken" },
        { "GET", "/requests?nextToken=abc", null, "nextToken" },
        { "GET", "/requests?nextToken=99999999999999999999", null, "nextToken" },
        { "GET", "/requests?includeBodies=maybe", null, "includeBodies" },
        { "GET", $"/requests?instanceId={Long101}", null, "instanceId" },
        { "GET", "/requests?instanceId=", null, "instanceId" },
        { "GET", $"/requests?clientToken={Long501}", null, "clientToken" },
        { "GET", $"/requests?operation={Long101}", null, "operation" },
        { "GET", "/requests?requestId=not-a-request-id", null, "requestId" },
        // GET /contacts and /contacts/{contactId}
        { "GET", "/contacts?maxResults=0", null, "maxResults" },
        { "GET", "/contacts?maxResults=1001", null, "maxResults" },
        { "GET", "/contacts?maxResults=abc", null, "maxResults" },
        { "GET", "/contacts?nextToken=-1", null, "nextToken" },
        { "GET", "/contacts?nextToken=99999999999999999999", null, "nextToken" },
        { "GET", $"/contacts?instanceId={Long101}", null, "instanceId" },
        { "GET", $"/contacts?clientToken={Long501}", null, "clientToken" },
        { "GET", $"/contacts?contactFlowId={new string('f', 501)}", null, "contactFlowId" },
        { "GET", $"/contacts/{Long257}", null, "contactId" },
        // POST /reset
        { "POST", $"/reset?instanceId={Long101}", null, "instanceId" },
        { "POST", "/reset?instanceId=%20", null, "instanceId" },
        // instances
        { "PUT", "/instances/%20", "{}", "instanceId" },
        { "PUT", $"/instances/{Long101}", "{}", "instanceId" },
        { "PUT", "/instances/i-1", """{"contactFlowIds":[""]}""", "contactFlowIds" },
        { "PUT", "/instances/i-1", $$"""{"contactFlowIds":["{{new string('f', 501)}}"]}""", "contactFlowIds" },
        { "PUT", "/instances/i-1", """{"maxConcurrentActiveChats":-1}""", "maxConcurrentActiveChats" },
        { "DELETE", $"/instances/{Long101}", null, "instanceId" },
        // faults
        { "POST", "/faults", """{"error":"Not A Name!"}""", "error" },
        { "POST", "/faults", $$"""{"error":"{{new string('E', 200)}}","statusCode":400}""", "error" },
        { "POST", "/faults", """{"error":"CustomException","statusCode":200}""", "statusCode" },
        { "POST", "/faults", """{"error":"CustomException","statusCode":600}""", "statusCode" },
        { "POST", "/faults", """{"latencyMs":-1}""", "latencyMs" },
        { "POST", "/faults", """{"latencyMs":600001}""", "latencyMs" },
        { "POST", "/faults", """{"error":"ThrottlingException","probability":1.5}""", "probability" },
        { "POST", "/faults", """{"error":"ThrottlingException","probability":-0.1}""", "probability" },
        { "POST", "/faults", """{"error":"ThrottlingException","count":0}""", "count" },
        { "POST", "/faults", """{"error":"ThrottlingException","operation":"NoSuchOperation"}""", "operation" },
        { "POST", "/faults", $$"""{"error":"ThrottlingException","instanceId":"{{Long101}}"}""", "instanceId" },
        { "POST", "/faults", $$"""{"error":"ThrottlingException","message":"{{new string('m', 4097)}}"}""", "message" },
        { "POST", "/faults", """{"error":"ThrottlingException","message":""}""", "message" },
        { "POST", "/faults", """{"dropConnection":"Sideways"}""", "dropConnection" },
        { "POST", "/faults", """{"error":"\ud800"}""", "error" },
        { "DELETE", $"/faults/{Long257}", null, "faultId" },
        // agent simulation
        { "POST", "/contacts/{contact}/agent", $$"""{"displayName":"{{Long257}}"}""", "displayName" },
        { "POST", "/contacts/{contact}/agent", """{"displayName":""}""", "displayName" },
        { "POST", "/contacts/{contact}/agent", """{"displayName":"\ud800"}""", "displayName" },
        { "POST", "/contacts/{contact}/agent/messages", """{"content":"hi","contentType":"text/html"}""", "contentType" },
        { "POST", "/contacts/{contact}/agent/messages", $$"""{"content":"{{new string('c', 16_385)}}"}""", "content" },
        { "POST", "/contacts/{contact}/agent/messages", """{"content":""}""", "content" },
        { "POST", "/contacts/{contact}/agent/events", """{"contentType":"waving"}""", "contentType" },
        { "POST", "/contacts/{contact}/agent/events", $$"""{"contentType":"read","messageId":"{{Long257}}"}""", "messageId" },
        { "POST", "/contacts/{contact}/agent/events", """{"contentType":"read","messageId":""}""", "messageId" },
        { "POST", "/contacts/{contact}/agent/events", """{"contentType":"read"}""", "messageId" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task ControlPlane_BadInput_IsAPlainJson400NamingIt(string method, string path, string? body, string input)
    {
        var contact = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString())).ContactId;

        var response = await Client.ControlAsync(new HttpMethod(method), path.Replace("{contact}", contact, StringComparison.Ordinal), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Null(response.Header("x-amzn-ErrorType"));
        Assert.Contains(input, response.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
