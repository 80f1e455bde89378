using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchAssembly = System.Reflection.Assembly;

namespace ConnectMock.Tests.Architecture;

// The dependency rules between the app's folders (one namespace each). Aws is the wire protocol and knows no other
// folder; Contacts and Instances are the domain; Connect and Participant are the two AWS services, each on Aws and
// the domain only; ControlPlane (the /_connectmock API) is wired in by the composition root (Hosting, Program) and
// documented by OpenApi, and nothing else knows it. A failure names the offending type and what it depends on.
public sealed class DependencyRulesTests
{
    private const string App = "ConnectMock";

    // Every top-level folder of the app: a new folder fails Folders_AreTheOnesTheRulesKnow until the rules below
    // give it its place.
    private static readonly string[] Folders =
        ["Aws", "Contacts", "Instances", "Connect", "Participant", "ControlPlane", "OpenApi", "Hosting"];

    private static readonly ArchAssembly AppAssembly = typeof(Program).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture Code =
        new ArchLoader().LoadAssemblies(AppAssembly).Build();

    [Fact]
    public void Folders_AreTheOnesTheRulesKnow()
    {
        var found = AppAssembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith(App + ".", StringComparison.Ordinal))
            .Select(ns => ns!.Split('.')[1])
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(Folders.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void Aws_DependsOnNoOtherFolder() =>
        In("Aws").Should().NotDependOnAny(InOrProgram("Contacts", "Instances", "Connect", "Participant",
            "ControlPlane", "OpenApi", "Hosting")).Check(Code);

    [Fact]
    public void Contacts_DependOnlyOnAwsAndInstances() =>
        In("Contacts").Should().NotDependOnAny(InOrProgram("Connect", "Participant", "ControlPlane", "OpenApi",
            "Hosting")).Check(Code);

    [Fact]
    public void Instances_DependOnlyOnAws() =>
        In("Instances").Should().NotDependOnAny(InOrProgram("Contacts", "Connect", "Participant", "ControlPlane",
            "OpenApi", "Hosting")).Check(Code);

    [Fact]
    public void Connect_DependsOnlyOnAwsAndTheDomain() =>
        In("Connect").Should().NotDependOnAny(InOrProgram("Participant", "ControlPlane", "OpenApi", "Hosting"))
            .Check(Code);

    [Fact]
    public void Participant_DependsOnlyOnAwsAndTheDomain() =>
        In("Participant").Should().NotDependOnAny(InOrProgram("Connect", "ControlPlane", "OpenApi", "Hosting"))
            .Check(Code);

    [Fact]
    public void ControlPlane_IsKnownOnlyToHostingOpenApiAndProgram() =>
        In("Aws", "Contacts", "Instances", "Connect", "Participant").Should().NotDependOnAny(In("ControlPlane"))
            .Check(Code);

    [Fact]
    public void Folders_HaveNoCycles()
    {
        // Not Slices().Matching("ConnectMock.(*)"): ArchUnitNET 0.13 names a slice after the whole rest of the
        // namespace (ControlPlane.Faults is a slice of its own), so it would miss a cycle that runs through a
        // subfolder (ControlPlane -> Hosting -> ControlPlane.Faults) and flag one inside a folder. The folders' graph
        // is built from the same dependencies instead, and each edge on a cycle is reported with the type
        // dependencies that make it.
        var edges = Code.Types
            .Where(t => FolderOf(t) is not null)
            .SelectMany(t => t.Dependencies)
            .Where(d => d.Target is not GenericParameter)
            .Select(d => (From: FolderOf(d.Origin)!, To: FolderOf(d.Target), Text: $"{d.Origin.FullName} -> {d.Target.FullName}"))
            .Where(e => e.To is not null && e.To != e.From)
            .ToLookup(e => (e.From, To: e.To!), e => e.Text);

        var cycles = edges
            .Select(e => e.Key)
            .Where(e => Reaches(edges, e.To, e.From))
            .Select(e => $"{e.From} -> {e.To}, and {e.To} leads back to {e.From}:\n    "
                + string.Join("\n    ", edges[e].Distinct().Order()))
            .ToList();

        Assert.True(cycles.Count == 0, "Folders depend on each other in a cycle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void App_ExposesNoPublicTypeButProgram()
    {
        // Program is public because the SDK generates `public partial class Program` for top-level statements
        // (WebApplicationFactory<Program> needs it); everything else is internal and seen by tests through
        // InternalsVisibleTo.
        var exported = AppAssembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(["Program"], exported);
    }

    // The folder a type lives in ("Hosting" for ConnectMock.Hosting.X, "Program" for the top-level program), or
    // null for a type outside the app's code (framework types, source-generated ones).
    private static string? FolderOf(IType type) =>
        type.FullName == "Program" ? "Program"
        : type.Namespace?.FullName is { } ns && ns.StartsWith(App + ".", StringComparison.Ordinal)
            ? ns.Split('.')[1]
            : null;

    private static bool Reaches(ILookup<(string From, string To), string> edges, string from, string to)
    {
        var seen = new HashSet<string> { from };
        var next = new Queue<string>([from]);
        while (next.TryDequeue(out var folder))
        {
            if (folder == to)
            {
                return true;
            }

            foreach (var edge in edges.Select(e => e.Key).Where(e => e.From == folder && seen.Add(e.To)))
            {
                next.Enqueue(edge.To);
            }
        }

        return false;
    }

    // Described by folder name only: ArchUnitNET cuts a long rule description short.
    private static GivenTypesConjunctionWithDescription In(params string[] folders) => Union(folders, program: false);

    private static GivenTypesConjunctionWithDescription InOrProgram(params string[] folders) => Union(folders, program: true);

    private static GivenTypesConjunctionWithDescription Union(string[] folders, bool program)
    {
        var types = Types().That().ResideInNamespaceOrBelow($"{App}.{folders[0]}");
        foreach (var folder in folders.Skip(1))
        {
            types = types.Or().ResideInNamespaceOrBelow($"{App}.{folder}");
        }

        if (program)
        {
            types = types.Or().HaveFullName("Program");
        }

        return types.As(string.Join(", ", program ? [.. folders, "Program"] : folders));
    }
}
