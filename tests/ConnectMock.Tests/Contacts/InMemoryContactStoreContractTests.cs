using ConnectMock.Contacts;
using ConnectMock.Contacts.Storage;
using Microsoft.Extensions.Options;

namespace ConnectMock.Tests.Contacts;

/// <summary>The store contract, run against the in-memory store.</summary>
public sealed class InMemoryContactStoreContractTests : ContactStoreContract
{
    private protected override (IContactStore Store, IContactCatalog Catalog) NewStore(Bounds bounds)
    {
        var store = new InMemoryContactStore(
            Options.Create(new ContactStoreOptions
            {
                MaxContacts = bounds.MaxContacts,
                MaxMemoryMegabytes = 60_000,
                ClientTokenLifetime = bounds.ClientTokenLifetime ?? new ContactStoreOptions().ClientTokenLifetime,
            }),
            Options.Create(new ChatOptions { MaxTranscriptItems = bounds.TranscriptCapacity }));
        return (store, store);
    }
}
