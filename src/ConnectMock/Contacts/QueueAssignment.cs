namespace ConnectMock.Contacts;

/// <summary>The queue a contact was placed in (a transfer to a queue), as DescribeContact's QueueInfo shows it.</summary>
internal sealed record QueueAssignment(string QueueId, DateTimeOffset EnqueuedAt);
