using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectMock.Aws;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConnectMock.OpenApi;

/// <summary>
/// Describes an AWS operation as a client sees it on the wire: its JSON body with examples, the
/// x-amzn-RequestId header on every response, and for each error status the error names that the
/// x-amzn-ErrorType header and <c>__type</c> carry.
/// </summary>
internal sealed class AwsOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        DescribeLabels(operation, context.ApiDescription.RelativePath);
        if (metadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType
                    {
                        Schema = context.SchemaGenerator.GenerateSchema(body.RequestType, context.SchemaRepository),
                        Examples = body.Examples.ToDictionary(
                            e => e.Key,
                            e => (IOpenApiExample)new OpenApiExample { Value = ToNode(e.Value) }),
                    },
                },
            };
        }

        if (metadata.OfType<AwsErrorsMetadata>().FirstOrDefault() is not { } errors || operation.Responses is null)
        {
            return;
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse described)
            {
                continue;
            }

            described.Headers ??= new Dictionary<string, IOpenApiHeader>();
            described.Headers[AwsCallMiddleware.RequestIdHeader] = new OpenApiHeader
            {
                Description = "The request id (a UUID). SDKs expose it as the response's request id.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            };
            var names = errors.ErrorCodes
                .Where(code => AwsErrors.StatusOf(code).ToString(CultureInfo.InvariantCulture) == status)
                .ToList();
            if (names.Count > 0)
            {
                DescribeErrors(described, names);
            }
        }
    }

    /// <summary>
    /// URI labels that the operation reads through its own binding are invisible to ApiExplorer; without them
    /// Swagger UI's "Try it out" could not fill the path.
    /// </summary>
    private static void DescribeLabels(OpenApiOperation operation, string? route)
    {
        foreach (var label in (route ?? "").Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]))
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.Name == label))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = label,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }
    }

    private static void DescribeErrors(OpenApiResponse response, IReadOnlyList<string> names)
    {
        response.Description = string.Join(" or ", names);
        response.Headers![AwsErrorWriter.ErrorTypeHeader] = new OpenApiHeader
        {
            Description = "The error name, as in the body's __type.",
            Required = true,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. names.Select(n => (JsonNode)JsonValue.Create(n))],
            },
        };
        if (response.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType content)
        {
            content.Examples = names.ToDictionary(
                n => n,
                n => (IOpenApiExample)new OpenApiExample { Value = new JsonObject { ["__type"] = n, ["Message"] = ExampleMessage(n) } });
        }
    }

    private static string ExampleMessage(string errorCode) => errorCode switch
    {
        AwsErrors.InvalidParameterName =>
            "1 validation error detected: Value '5' at 'chatDurationInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 60",
        AwsErrors.InvalidRequestName => "RelatedContactId and PersistentChat cannot be provided together.",
        AwsErrors.ResourceNotFoundName => Instances.InstanceRegistry.NotFoundMessage,
        AwsErrors.LimitExceededName => Contacts.ChatService.QuotaExceededMessage,
        AwsErrors.AccessDeniedName => Contacts.ChatSessions.AccessDeniedMessage,
        _ => "An internal error occurred. Try the request again.",
    };

    private JsonNode? ToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);
}
