namespace ConnectMock.Connect;

// The body of the operations that answer {} (StopContact, UpdateContactAttributes); not an XML comment, which
// would become the schema's description.
internal sealed record EmptyResponse;
