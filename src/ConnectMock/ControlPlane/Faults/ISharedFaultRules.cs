namespace ConnectMock.ControlPlane.Faults;

/// <summary>Fault rules kept where every replica sees them (the Redis provider's <see cref="RedisFaultRules"/>).</summary>
internal interface ISharedFaultRules
{
    /// <summary>Every rule, in the order added, with its remaining count and how often it fired.</summary>
    IReadOnlyList<FaultRule> Load();

    /// <summary>Adds a rule unless <paramref name="max"/> are set; every replica has it when this returns true.</summary>
    bool Add(FaultRule rule, int max);

    /// <summary>Removes the rules of these ids; returns how many were there.</summary>
    int Remove(IReadOnlyList<string> ids);

    /// <summary>
    /// Of the <paramref name="candidates"/> (rules that match a call, in order), those that fire, atomically across
    /// replicas: each counted rule fires at most its count in all, and only the first rule with an outcome (an error or
    /// a drop) fires of those that have one.
    /// </summary>
    IReadOnlyList<string> Fire(IReadOnlyList<FaultRule> candidates);
}
