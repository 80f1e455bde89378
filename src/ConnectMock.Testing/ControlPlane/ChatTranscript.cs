namespace ConnectMock.Testing;

/// <summary>A chat's whole transcript, oldest first, as GetTranscript would give it.</summary>
public sealed record ChatTranscript(string InitialContactId, IReadOnlyList<TranscriptItem> Transcript);
