namespace ConnectMock.Contacts;

/// <summary>What the control plane needs of the contact store besides what the domain needs: listing, counting, clearing.</summary>
internal interface IContactCatalog
{
    /// <summary>
    /// Stored contacts that match <paramref name="query"/>, newest first, each shown through <paramref name="view"/>:
    /// a store may run <paramref name="view"/> under its lock, so it should only pick out what the caller shows.
    /// </summary>
    IReadOnlyList<T> Query<T>(ContactQuery query, Func<ChatContact, T> view);

    int Count { get; }

    /// <summary>What the store holds against its bounds, as the control plane shows it.</summary>
    ContactStoreUsage Usage { get; }

    void Clear();

    /// <summary>Forgets every contact of one instance; returns how many there were.</summary>
    int RemoveInstance(string instanceId);
}
