using ConnectMock.Aws.Validation;
using FluentValidation;

namespace ConnectMock.Connect;

/// <summary>Rules that several Connect operations share.</summary>
internal static class ConnectRules
{
    /// <summary>Contact attributes: key and value lengths of the model, the documented key characters and total size.</summary>
    public static IRuleBuilderOptions<T, Dictionary<string, string?>?> ContactAttributes<T>(this IRuleBuilder<T, Dictionary<string, string?>?> rule) =>
        rule.Keys(1, 32_767, StartChatContactRequestValidator.AttributeKeyPattern)
            .StringValues(0, 32_767)
            .TotalUtf8Bytes(StartChatContactRequestValidator.AttributesMaxUtf8Bytes);
}
