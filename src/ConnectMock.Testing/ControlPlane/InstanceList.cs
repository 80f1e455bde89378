namespace ConnectMock.Testing;

/// <summary>The declared instances; <see cref="Strict"/> once any is declared (unknown ids are then refused).</summary>
public sealed record InstanceList(bool Strict, IReadOnlyList<Instance> Instances);
