using ConnectMock.Aws.Validation;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The checks the agent's control-plane bodies share: names and ids within the model's lengths of what they stand for.</summary>
internal static class AgentRules
{
    /// <summary>Left out, or an id within <paramref name="limit"/> (the length of <paramref name="awsName"/>), named <paramref name="name"/> in the 400.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalId<T>(this IRuleBuilder<T, string?> rule, string name, ILengthConstraint limit, string awsName) =>
        rule.Must(value => value is null || AwsMemberLimits.IsId(value, limit)).WithMessage($"{name} must be {AwsMemberLimits.Describe(limit, awsName)}.");

    public static IRuleBuilderOptions<T, string?> OptionalDisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.OptionalId("displayName", AwsMemberLimits.DisplayName, "ParticipantDetails.DisplayName");

    public static IRuleBuilderOptions<T, string?> OptionalAgentId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.OptionalId("agentId", AwsMemberLimits.AgentResourceId, "AgentInfo.Id");
}
