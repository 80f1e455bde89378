namespace ConnectMock.Contacts;

/// <summary>
/// The contact store cannot be reached (a shared store's server is down, or too slow to answer in time). Callers
/// answer the service's internal error (Hosting/ErrorResponses), as AWS does when its own backend fails; the store
/// reconnects by itself.
/// </summary>
internal sealed class ContactStoreUnavailableException(string message, Exception innerException) : Exception(message, innerException);
