using System.Collections.Concurrent;
using ConnectMock.Aws;
using Microsoft.Extensions.Options;

namespace ConnectMock.Instances;

/// <summary>
/// The instances and flows the mock knows: seeded from configuration, changed at run time through the control
/// plane. Empty means lenient: every id is accepted, as before any resource is declared. With a shared store
/// (<see cref="ISharedInstances"/>, the Redis provider's), changes go there and every replica's copy here follows
/// (<see cref="Replace"/>); chat starts still read this copy.
/// </summary>
internal sealed class InstanceRegistry
{
    /// <summary>What StartChatContact answered for an unknown instance or flow in reported real responses.</summary>
    public const string NotFoundMessage = "Resource not found of Type: null";

    private readonly ISharedInstances? _shared;
    private volatile ConcurrentDictionary<string, InstanceResource> _instances = new(StringComparer.Ordinal);

    public InstanceRegistry(IOptions<InstanceOptions> options, ISharedInstances? shared = null)
    {
        foreach (var instance in options.Value.Declared)
        {
            Put(instance);
        }

        Seeded = [.. options.Value.Declared];
        _shared = shared;
    }

    /// <summary>The instances of configuration and the seed file (which each replica shares at its start).</summary>
    public IReadOnlyList<InstanceResource> Seeded { get; }

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
        if (_shared is not null)
        {
            return _shared.Put(instance, MaxInstances);
        }

        if (_instances.Count >= MaxInstances && !_instances.ContainsKey(instance.Id))
        {
            return false;
        }

        _instances[instance.Id] = instance;
        return true;
    }

    public bool Remove(string instanceId) => _shared is not null ? _shared.Remove(instanceId) : _instances.TryRemove(instanceId, out _);

    /// <summary>Puts the shared instances in place of this replica's copy.</summary>
    public void Replace(IEnumerable<InstanceResource> instances) =>
        _instances = new(instances.Select(i => KeyValuePair.Create(i.Id, i)), StringComparer.Ordinal);

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
