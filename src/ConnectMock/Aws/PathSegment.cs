namespace ConnectMock.Aws;

/// <summary>One step of a member path: a member or map key name, or a list index.</summary>
internal readonly record struct PathSegment(string Name, bool IsIndex);
