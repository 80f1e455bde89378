using System.Linq.Expressions;
using ConnectMock.Aws.Validation;
using FluentValidation;

namespace ConnectMock.Instances;

/// <summary>
/// The rules of a declared instance, whichever way it is declared: <c>PUT /_connectmock/instances/{instanceId}</c>,
/// configuration or the seed file, so that none of them can declare what another refuses. The lengths are those of
/// Connect's own members, read from the AWS API's validators; each source only names the members its own way.
/// </summary>
internal static class InstanceRules
{
    /// <summary>Connect's default quota of flows per instance is in the hundreds; this only keeps a declaration bounded.</summary>
    public const int MaxFlows = 1000;

    public static bool IsInstanceId(string? id) => AwsMemberLimits.IsId(id, AwsMemberLimits.InstanceId);

    public static string InstanceIdRule(string name) => $"{name} must be {AwsMemberLimits.Describe(AwsMemberLimits.InstanceId, "InstanceId")}.";

    /// <summary>Adds the rules of an instance's flows and chat quota to <paramref name="validator"/>.</summary>
    public static void FlowsAndQuota<T>(
        AbstractValidator<T> validator,
        Expression<Func<T, IEnumerable<string>?>> flows, string flowsName,
        Expression<Func<T, int?>> quota, string quotaName)
    {
        // One rule over the whole list rather than one per item: a thousand bad flows say so once.
        validator.RuleFor(flows)
            .Must(ids => ids is null || ids.All(id => AwsMemberLimits.IsId(id, AwsMemberLimits.ContactFlowId)))
            .WithMessage($"{flowsName} must each be {AwsMemberLimits.Describe(AwsMemberLimits.ContactFlowId, "ContactFlowId")}.");
        validator.RuleFor(flows).Must(ids => ids is null || ids.Count() <= MaxFlows).WithMessage($"{flowsName} may list at most {MaxFlows} flows.");
        validator.RuleFor(quota).GreaterThanOrEqualTo(0).WithMessage($"{quotaName} must be 0 or more.");
    }
}
