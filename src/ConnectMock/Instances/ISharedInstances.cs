namespace ConnectMock.Instances;

/// <summary>Declared instances kept where every replica sees them (the Redis provider's).</summary>
internal interface ISharedInstances
{
    /// <summary>Declares or replaces an instance unless <paramref name="max"/> others are declared; every replica has it when this returns true.</summary>
    bool Put(InstanceResource instance, int max);

    /// <summary>Forgets an instance; false when it was not declared.</summary>
    bool Remove(string instanceId);
}
