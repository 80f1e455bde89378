using System.Globalization;
using System.Text;
using ConnectMock.Aws;
using ConnectMock.Chats;

namespace ConnectMock.Participant;

/// <summary>
/// GetTranscript's paging. BACKWARD (the default without a start position) reads from the newest item towards
/// older ones, FORWARD from the oldest or from the start position towards newer ones; SortOrder only orders the
/// page. NextToken remembers where the scan stopped and in which direction.
/// </summary>
public static class TranscriptPage
{
    public const int DefaultMaxResults = 10;

    public static (IReadOnlyList<ChatItem> Items, string? NextToken) Read(IReadOnlyList<ChatItem> transcript, GetTranscriptRequest request)
    {
        var start = request.StartPosition is { IsEmpty: false } ? request.StartPosition : null;
        var forward = (request.ScanDirection ?? (start is null ? "BACKWARD" : "FORWARD")) == "FORWARD";
        var size = request.MaxResults is null or 0 ? DefaultMaxResults : request.MaxResults.Value;

        // Positions are item sequence numbers, which stay put when old items are dropped from the front; a list
        // index would shift under a reader that pages while the chat goes on.
        var oldest = transcript.Count == 0 ? 1 : transcript[0].Sequence;
        var newest = oldest + transcript.Count - 1;
        var from = request.NextToken is { } token
            ? ReadToken(token, forward)
            : start is null ? (forward ? oldest : newest) : oldest + Position(transcript, start, forward);

        long first, last;
        if (forward)
        {
            first = Math.Max(from, oldest);
            last = Math.Min(first + size - 1, newest);
        }
        else
        {
            last = Math.Min(from, newest);
            first = Math.Max(last - size + 1, oldest);
        }

        List<ChatItem> page = first > last ? [] : [.. transcript.Skip((int)(first - oldest)).Take((int)(last - first + 1))];
        long? next = forward
            ? (last < newest ? last + 1 : null)
            : (first > oldest ? first - 1 : null);

        if ((request.SortOrder ?? "DESCENDING") == "DESCENDING")
        {
            page.Reverse();
        }

        return (page, next is { } n ? WriteToken(n, forward) : null);
    }

    private static int Position(IReadOnlyList<ChatItem> transcript, StartPosition start, bool forward)
    {
        if (start.Id is { } id)
        {
            for (var i = 0; i < transcript.Count; i++)
            {
                if (transcript[i].Id == id)
                {
                    return i;
                }
            }

            throw AwsErrors.Of(AwsErrors.ValidationName, $"StartPosition.Id '{id}' is not an item of this chat.");
        }

        if (start.MostRecent is { } mostRecent)
        {
            return Math.Max(transcript.Count - 1 - mostRecent, 0);
        }

        if (!DateTimeOffset.TryParse(start.AbsoluteTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, "StartPosition.AbsoluteTime must be an ISO-8601 time such as 2026-11-26T12:00:00.000Z.");
        }

        // FORWARD starts at the first item at or after the time, BACKWARD at the last one at or before it.
        var index = forward ? 0 : transcript.Count - 1;
        while (forward ? index < transcript.Count && transcript[index].AbsoluteTime < at : index >= 0 && transcript[index].AbsoluteTime > at)
        {
            index += forward ? 1 : -1;
        }

        return index;
    }

    private static string WriteToken(long sequence, bool forward) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{(forward ? 'F' : 'B')}{sequence.ToString(CultureInfo.InvariantCulture)}"));

    private static long ReadToken(string token, bool forward)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            if (text.Length > 1 && text[0] == (forward ? 'F' : 'B')
                && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
            // Reported below, like any other token this API did not issue for this scan direction.
        }

        throw AwsErrors.Of(AwsErrors.ValidationName, "NextToken is not one that GetTranscript returned for this scan direction.");
    }
}
