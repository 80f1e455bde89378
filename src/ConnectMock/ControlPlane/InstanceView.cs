using ConnectMock.Instances;

namespace ConnectMock.ControlPlane;

internal sealed record InstanceView(string Id, IReadOnlyList<string> ContactFlowIds, int? MaxConcurrentActiveChats, int ActiveChats)
{
    public static InstanceView From(InstanceResource instance, int activeChats) =>
        new(instance.Id, instance.ContactFlowIds, instance.MaxConcurrentActiveChats, activeChats);
}
