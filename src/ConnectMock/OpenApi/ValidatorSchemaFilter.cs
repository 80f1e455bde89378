using System.Globalization;
using System.Text.Json.Nodes;
using ConnectMock.Aws.Validation;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConnectMock.OpenApi;

/// <summary>
/// Publishes in each schema the constraints that the type's validator enforces: required members, lengths,
/// ranges, enumerations, and the documented rules in words. The validator stays the single source of the rules.
/// </summary>
internal sealed class ValidatorSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is null)
        {
            return;
        }

        // AWS ignores members it does not know, and members are optional rather than null on its wire.
        target.AdditionalPropertiesAllowed = true;
        target.AdditionalProperties = null;
        foreach (var property in target.Properties.Values.OfType<OpenApiSchema>())
        {
            property.Type &= ~JsonSchemaType.Null;
            if (property.AdditionalProperties is OpenApiSchema values)
            {
                values.Type &= ~JsonSchemaType.Null;
            }
        }

        if (services.GetService(typeof(IValidator<>).MakeGenericType(context.Type)) is not IValidator validator)
        {
            return;
        }

        var descriptor = validator.CreateDescriptor();
        foreach (var (name, property) in target.Properties)
        {
            foreach (var rule in descriptor.GetRulesForMember(name))
            {
                foreach (var component in rule.Components)
                {
                    Describe(target, name, property as OpenApiSchema, component);
                }
            }
        }
    }

    private static void Describe(OpenApiSchema owner, string name, OpenApiSchema? property, IRuleComponent component)
    {
        switch (component.Validator)
        {
            case INotNullValidator:
                owner.Required ??= new HashSet<string>(StringComparer.Ordinal);
                owner.Required.Add(name);
                break;
            case ILengthConstraint length when property is not null:
                ApplyLength(property, length);
                break;
            case IRangeConstraint range when property is not null:
                property.Minimum = range.Min.ToString(CultureInfo.InvariantCulture);
                property.Maximum = range.Max.ToString(CultureInfo.InvariantCulture);
                break;
            case IAllowedValuesConstraint allowed when property is not null:
                property.Enum = [.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                break;
            case IItemConstraint items when (property?.Items ?? property?.AdditionalProperties) is OpenApiSchema item:
                if (items.ItemLength is { } itemLength)
                {
                    ApplyLength(item, itemLength);
                }

                if (items.ItemValues is { } itemValues)
                {
                    item.Enum = [.. itemValues.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                }

                break;
            case IDescribedConstraint described when property is not null:
                AppendRule(property, described.Description);
                break;
            case IPredicateValidator or INullValidator when property is not null:
                AppendRule(property, component.GetUnformattedErrorMessage());
                break;
            default:
                break;
        }
    }

    private static void ApplyLength(OpenApiSchema schema, ILengthConstraint length)
    {
        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true)
        {
            schema.MinItems = length.Min;
            schema.MaxItems = length.Max;
        }
        else
        {
            schema.MinLength = length.Min;
            schema.MaxLength = length.Max;
        }
    }

    private static void AppendRule(OpenApiSchema schema, string text)
    {
        var rule = text.TrimEnd('.');
        schema.Description = string.IsNullOrEmpty(schema.Description) ? $"Rule: {rule}." : $"{schema.Description}\n\nRule: {rule}.";
    }
}
