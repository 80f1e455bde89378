using System.Collections.Concurrent;
using ConnectMock.Aws;
using Microsoft.Extensions.Options;

namespace ConnectMock.Instances;

/// <summary>
/// The instances and flows the mock knows: seeded from configuration, changed at run time through the control
/// plane. Empty means lenient: every id is accepted, as before any resource is declared.
/// </summary>
internal sealed class InstanceRegistry
{
    /// <summary>What StartChatContact answered for an unknown instance or flow in reported real responses.</summary>
    public const string NotFoundMessage = "Resource not found of Type: null";

    private readonly ConcurrentDictionary<string, InstanceResource> _instances = new(StringComparer.Ordinal);

    public InstanceRegistry(IOptions<InstanceOptions> options)
    {
        foreach (var instance in options.Value.Declared)
        {
            Put(instance);
        }
    }

    public bool IsStrict => !_instances.IsEmpty;

    public IReadOnlyList<InstanceResource> Instances => [.. _instances.Values.OrderBy(i => i.Id, StringComparer.Ordinal)];

    /// <summary>
    /// How many instances may be declared, at start (configuration and seed file together) and at run time; every
    /// chat start of an unknown instance looks them up.
    /// </summary>
    public const int MaxInstances = 10_000;

    /// <summary>Declares or replaces an instance; false when <see cref="MaxInstances"/> others are declared already.</summary>
    public bool Put(InstanceResource instance)
    {
        if (_instances.Count >= MaxInstances && !_instances.ContainsKey(instance.Id))
        {
            return false;
        }

        _instances[instance.Id] = instance;
        return true;
    }

    public bool Remove(string instanceId) => _instances.TryRemove(instanceId, out _);

    /// <summary>Throws ResourceNotFoundException for an instance that is not declared, once instances are declared.</summary>
    public void CheckInstance(string instanceId)
    {
        if (IsStrict && !_instances.ContainsKey(instanceId))
        {
            throw AwsErrors.ResourceNotFound(NotFoundMessage);
        }
    }

    /// <summary>
    /// Checks the ids of a chat start against the declared resources and returns the instance's chat quota.
    /// Throws ResourceNotFoundException for an unknown instance, or an unknown flow of an instance that lists flows.
    /// </summary>
    public int? CheckChatStart(string instanceId, string contactFlowId)
    {
        if (!IsStrict)
        {
            return null;
        }

        if (!_instances.TryGetValue(instanceId, out var instance)
            || (instance.ContactFlowIds.Count > 0 && !instance.ContactFlowIds.Contains(contactFlowId, StringComparer.Ordinal)))
        {
            throw AwsErrors.ResourceNotFound(NotFoundMessage);
        }

        return instance.MaxConcurrentActiveChats;
    }
}
