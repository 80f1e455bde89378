using ConnectMock.ControlPlane;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConnectMock.OpenApi;

/// <summary>
/// Declares the control plane's API key in its document, so that Swagger UI's Authorize button can send it. The
/// empty alternative keeps calls valid without one, as they are when no key is configured.
/// </summary>
internal sealed class ControlPlaneKeyDocumentation : IDocumentFilter
{
    public const string SchemeId = "ConnectMockApiKey";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        if (context.DocumentName != ControlPlaneApi.DocumentName)
        {
            return;
        }

        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        swaggerDoc.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ControlPlaneGuard.ApiKeyHeader,
            Description = $"Needed only when {ControlPlaneOptions.Section}:ApiKey is set. Authorization: Bearer <key> is accepted as well.",
        };
        swaggerDoc.Security ??= [];
        swaggerDoc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, swaggerDoc)] = [] });
        swaggerDoc.Security.Add(new OpenApiSecurityRequirement());
    }
}
