namespace ConnectMock.Aws;

/// <summary>
/// Member paths as AWS validation messages spell them: member names with a lower-case first letter
/// (<c>participantDetails.displayName</c>), list items as <c>list.1.member</c>, map keys as they were sent.
/// </summary>
internal static class AwsMemberPath
{
    public static string Member(string parent, string member) =>
        Join(parent, member.Length == 0 ? member : string.Concat(char.ToLowerInvariant(member[0]).ToString(), member.AsSpan(1)));

    public static string Key(string parent, string key) => Join(parent, key);

    public static string Index(string parent, int zeroBasedIndex) => Join(parent, $"{zeroBasedIndex + 1}.member");

    private static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";
}
