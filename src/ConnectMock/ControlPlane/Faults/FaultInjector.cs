namespace ConnectMock.ControlPlane.Faults;

/// <summary>
/// The injected faults. Deciding takes one lock, so that "the next K calls" is exact under any concurrency, and
/// costs a single volatile read when no fault is set, which is the normal case. With a shared store of rules
/// (<see cref="ISharedFaultRules"/>, the Redis provider's), the rules here are this replica's copy of the shared ones,
/// reloaded when any replica changes them (<see cref="Replace"/>): a call that no rule matches still decides alone,
/// and one that some do asks the shared store which of them fire, so that counts are consumed once across replicas.
/// </summary>
internal sealed class FaultInjector(ISharedFaultRules? shared = null)
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Random _random = new();
    private volatile bool _any;

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            if (shared is not null)
            {
                return shared.Load();
            }

            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>How many faults may be set at once: each AWS call looks at all of them.</summary>
    public const int MaxRules = 1000;

    /// <summary>Adds a fault; false when <see cref="MaxRules"/> are set already.</summary>
    public bool Add(FaultRule rule)
    {
        if (shared is not null)
        {
            return shared.Add(rule, MaxRules);
        }

        lock (_gate)
        {
            if (_rules.Count >= MaxRules)
            {
                return false;
            }

            _rules.Add(rule);
            _any = true;
            return true;
        }
    }

    /// <summary>Removes the rules that match <paramref name="filter"/> (all when null); returns how many.</summary>
    public int Remove(Func<FaultRule, bool>? filter = null)
    {
        if (shared is not null)
        {
            return shared.Remove([.. shared.Load().Where(rule => filter is null || filter(rule)).Select(rule => rule.Id)]);
        }

        lock (_gate)
        {
            var removed = _rules.RemoveAll(rule => filter is null || filter(rule));
            _any = _rules.Count > 0;
            return removed;
        }
    }

    /// <summary>
    /// Fires the rules that apply to one call. Latencies add up; the first rule (in the order they were added) that
    /// fails or drops decides the outcome. A rule with a count is removed when it has fired that many times.
    /// </summary>
    public FaultDecision Decide(string operation, string? instanceId)
    {
        if (!_any)
        {
            return default;
        }

        if (shared is not null)
        {
            return DecideShared(operation, instanceId, shared);
        }

        lock (_gate)
        {
            var decision = default(FaultDecision);
            foreach (var rule in _rules)
            {
                var outcomeTaken = decision.Error is not null || decision.Drop is not null;
                var hasOutcome = rule.Error is not null || rule.Drop is not null;
                if (!rule.Matches(operation, instanceId) || (outcomeTaken && hasOutcome)
                    || (rule.Probability < 1 && _random.NextDouble() >= rule.Probability))
                {
                    continue;
                }

                rule.Fired++;
                rule.Remaining--;
                decision = new FaultDecision(decision.LatencyMs + rule.LatencyMs, decision.Error ?? rule.Error, decision.Drop ?? rule.Drop);
            }

            _rules.RemoveAll(rule => rule.Remaining <= 0);
            _any = _rules.Count > 0;
            return decision;
        }
    }

    /// <summary>Puts the shared rules in place of this replica's copy (in the order they were added).</summary>
    public void Replace(IReadOnlyList<FaultRule> rules)
    {
        lock (_gate)
        {
            _rules.Clear();
            _rules.AddRange(rules);
            _any = _rules.Count > 0;
        }
    }

    private FaultDecision DecideShared(string operation, string? instanceId, ISharedFaultRules rules)
    {
        List<FaultRule> candidates;
        lock (_gate)
        {
            candidates = [.. _rules.Where(rule => rule.Matches(operation, instanceId) && (rule.Probability >= 1 || _random.NextDouble() < rule.Probability))];
        }

        if (candidates.Count == 0)
        {
            return default;
        }

        var decision = default(FaultDecision);
        foreach (var id in rules.Fire(candidates))
        {
            var rule = candidates.Find(c => c.Id == id)!;
            decision = new FaultDecision(decision.LatencyMs + rule.LatencyMs, decision.Error ?? rule.Error, decision.Drop ?? rule.Drop);
        }

        return decision;
    }
}
