using FluentValidation;

namespace ConnectMock.Instances;

/// <summary>An instance declared in configuration or in the seed file, named as their keys are.</summary>
internal sealed class InstanceResourceValidator : AbstractValidator<InstanceResource>
{
    public InstanceResourceValidator()
    {
        RuleFor(i => i.Id).Must(InstanceRules.IsInstanceId).WithMessage(InstanceRules.InstanceIdRule(nameof(InstanceResource.Id)));
        InstanceRules.FlowsAndQuota(
            this,
            i => i.ContactFlowIds, nameof(InstanceResource.ContactFlowIds),
            i => i.MaxConcurrentActiveChats, nameof(InstanceResource.MaxConcurrentActiveChats));
    }
}
