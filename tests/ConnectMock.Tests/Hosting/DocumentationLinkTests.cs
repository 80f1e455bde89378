using System.Text;
using System.Text.RegularExpressions;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Hosting;

/// <summary>
/// The README is an index into docs/: every relative link of README.md and docs/*.md must reach a committed file,
/// and a link to a heading (<c>page.md#heading</c>) must reach a heading of that page, as GitHub names it.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md" };
        foreach (var page in Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Repository.Root, page).Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void RelativeLinks_ReachAFileAndAHeading(string page)
    {
        var path = Path.Combine(Repository.Root, page);
        var broken = new List<string>();

        foreach (var link in Links(File.ReadAllLines(path)))
        {
            var hash = link.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? link : link[..hash];
            var target = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add($"{link}: no file {Path.GetRelativePath(Repository.Root, target)}");
            }
            else if (hash >= 0 && target.EndsWith(".md", StringComparison.Ordinal)
                && !HeadingIds(File.ReadAllLines(target)).Contains(link[(hash + 1)..]))
            {
                broken.Add($"{link}: no heading #{link[(hash + 1)..]} in {Path.GetRelativePath(Repository.Root, target)}");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links:\n{string.Join("\n", broken)}");
    }

    [Fact]
    public void HeadingIds_AreGitHubs()
    {
        string[] page = ["# Security and limits", "## Last run: `bash bench/run.sh` (2026-11-27 05:21 UTC)", "## Faults", "## Faults", "```", "# not a heading", "```"];

        Assert.Equal(["security-and-limits", "last-run-bash-benchrunsh-2026-11-27-0521-utc", "faults", "faults-1"], HeadingIds(page));
    }

    [Fact]
    public void Links_SkipCodeAndAbsoluteAddresses()
    {
        string[] page = ["[a](docs/a.md) and [b](#b), <http://x>, [c](https://example.com)", "`[d](d.md)`", "```", "[e](e.md)", "```"];

        Assert.Equal(["docs/a.md", "#b"], Links(page));
    }

    /// <summary>The relative targets of inline links, outside fenced code blocks and code spans.</summary>
    private static List<string> Links(IEnumerable<string> lines) =>
        OutsideFences(lines)
            .SelectMany(line => LinkTarget().Matches(CodeSpan().Replace(line, "")).Select(m => m.Groups[1].Value))
            .Where(target => !AbsoluteAddress().IsMatch(target))
            .ToList();

    /// <summary>The ids GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, -1, -2 for repeats.</summary>
    private static List<string> HeadingIds(IEnumerable<string> lines)
    {
        var ids = new List<string>();
        foreach (var line in OutsideFences(lines))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var id = new StringBuilder();
            foreach (var c in heading.Groups[1].Value.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    id.Append(c);
                }
                else if (c == ' ')
                {
                    id.Append('-');
                }
            }

            var unique = id.ToString();
            for (var n = 1; ids.Contains(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            ids.Add(unique);
        }

        return ids;
    }

    private static IEnumerable<string> OutsideFences(IEnumerable<string> lines)
    {
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence)
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteAddress();

    [GeneratedRegex("^#{1,6} (.+)$")]
    private static partial Regex Heading();
}
