using System.Net;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Hosting;

/// <summary>
/// The committed OpenAPI documents in openapi/ are what the server generates. When the API changes on purpose,
/// regenerate them with <c>UPDATE_OPENAPI=1 dotnet test</c> and commit the result.
/// </summary>
public sealed class OpenApiDocumentTests(ConnectMockFactory app) : IClassFixture<ConnectMockFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("v1", "connect-chat.json")]
    [InlineData("control-plane", "control-plane.json")]
    public async Task GeneratedDocument_IsTheCommittedOne(string document, string file)
    {
        var generated = await DocumentAsync(document);
        var path = Path.Combine(Repository.Root, "openapi", file);

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, generated.ToJsonString(new() { WriteIndented = true }) + "\n", TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run UPDATE_OPENAPI=1 dotnet test");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(committed, generated),
            $"openapi/{file} differs from what the server generates: run UPDATE_OPENAPI=1 dotnet test and commit it");
    }

    [Fact]
    public async Task StartChatContact_DocumentsEveryMemberWithItsConstraints()
    {
        var document = await DocumentAsync("v1");
        var schemas = document["components"]!["schemas"]!;
        var request = schemas["StartChatContactRequest"]!;

        string[] members =
        [
            "InstanceId", "ContactFlowId", "Attributes", "ParticipantDetails", "ParticipantConfiguration", "InitialMessage",
            "ClientToken", "ChatDurationInMinutes", "SupportedMessagingContentTypes", "PersistentChat", "RelatedContactId",
            "SegmentAttributes", "CustomerId", "DisconnectOnCustomerExit",
        ];
        Assert.Equal(members, request["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["ContactFlowId", "InstanceId", "ParticipantDetails"], request["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        Assert.Equal(1, request["properties"]!["InstanceId"]!["minLength"]!.GetValue<int>());
        Assert.Equal(100, request["properties"]!["InstanceId"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(60, request["properties"]!["ChatDurationInMinutes"]!["minimum"]!.GetValue<int>());
        Assert.Equal(10080, request["properties"]!["ChatDurationInMinutes"]!["maximum"]!.GetValue<int>());
        Assert.Equal(256, schemas["ParticipantDetails"]!["properties"]!["DisplayName"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(["INCREMENTAL", "COMPLETE"], schemas["ParticipantConfiguration"]!["properties"]!["ResponseMode"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("text/plain", request["properties"]!["SupportedMessagingContentTypes"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_DocumentsEveryErrorWithItsStatus()
    {
        var responses = (await DocumentAsync("v1"))["paths"]!["/contact/chat"]!["put"]!["responses"]!;

        Assert.Equal("InvalidRequestException or InvalidParameterException", responses["400"]!["description"]!.GetValue<string>());
        Assert.Equal("ResourceNotFoundException", responses["404"]!["description"]!.GetValue<string>());
        Assert.Equal("LimitExceededException", responses["429"]!["description"]!.GetValue<string>());
        Assert.Equal("InternalServiceException", responses["500"]!["description"]!.GetValue<string>());
        Assert.NotNull(responses["400"]!["headers"]!["x-amzn-ErrorType"]);
        Assert.NotNull(responses["200"]!["headers"]!["x-amzn-RequestId"]);
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var page = await _client.SendAsync(HttpMethod.Get, "/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("swagger-ui", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerExamples_AreAcceptedByTheServer()
    {
        var examples = (await DocumentAsync("v1"))["paths"]!["/contact/chat"]!["put"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();

        Assert.NotEmpty(examples);
        foreach (var (_, example) in examples)
        {
            AwsAssert.Started(await _client.StartChatAsync(example!["value"]!.ToJsonString()));
        }
    }

    private async Task<JsonNode> DocumentAsync(string name)
    {
        var response = await _client.SendAsync(HttpMethod.Get, $"/swagger/{name}/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return JsonNode.Parse(response.Body)!;
    }
}
