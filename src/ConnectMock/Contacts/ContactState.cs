namespace ConnectMock.Contacts;

internal enum ContactState
{
    Active,
    Ended,
}
