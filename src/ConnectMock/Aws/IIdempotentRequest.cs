namespace ConnectMock.Aws;

/// <summary>Implemented by request shapes that carry an idempotency token.</summary>
internal interface IIdempotentRequest
{
    string? ClientToken { get; }
}
