using ConnectMock.Aws;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Time;
using Microsoft.Extensions.Options;

namespace ConnectMock.Participant;

/// <summary>
/// Counts the chat WebSockets the server holds, closing ones included, so that neither one participant token nor
/// all clients together can use up the process's file descriptors: a socket beyond a cap is refused with 429
/// before its upgrade, with a warning per cap at most every 10 seconds.
/// </summary>
internal sealed partial class OpenChatSockets(IOptions<ChatOptions> options, IHostApplicationLifetime lifetime, ClockSource realTime, ILogger<OpenChatSockets> log)
{
    /// <summary>At most one warning per cap in this time: a client in a reconnect loop is refused many times a second.</summary>
    private static readonly TimeSpan RefusalWarningInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _perParticipant = [];
    private readonly ChatOptions _options = options.Value;
    private readonly RefusalCount _refusedOverall = new();
    private readonly RefusalCount _refusedPerParticipant = new();
    private int _open;

    public TimeSpan CloseHandshakeTimeout => _options.CloseHandshakeTimeout;

    /// <summary>The sockets of one participant that receive the chat; a newer one replaces the oldest.</summary>
    public int MaxLivePerParticipant => _options.MaxSocketsPerParticipant;

    /// <summary>Sockets held per participant: the live ones, and as many again that are still closing (replaced ones).</summary>
    public int MaxHeldPerParticipant => 2 * _options.MaxSocketsPerParticipant;

    /// <summary>Cancelled when the server begins to stop: every socket then closes with 1001.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    public TimeProvider Time => realTime.Time;

    /// <summary>Counts a socket of <paramref name="participantId"/> until the returned admission is disposed; throws 429 beyond a cap.</summary>
    public IDisposable Admit(Guid participantId)
    {
        lock (_gate)
        {
            if (_open >= _options.MaxOpenSockets)
            {
                if (_refusedOverall.Warns(realTime.Time.GetUtcNow(), out var refused))
                {
                    LogRefused(log, participantId, $"{_open} WebSockets are open, the most ConnectMock:Chat:MaxOpenSockets allows", refused);
                }

                throw AwsErrors.LimitExceeded(
                    $"The server holds {_open} WebSockets, its limit (ConnectMock:Chat:MaxOpenSockets); try again once some have closed.");
            }

            var held = _perParticipant.GetValueOrDefault(participantId);
            if (held >= MaxHeldPerParticipant)
            {
                if (_refusedPerParticipant.Warns(realTime.Time.GetUtcNow(), out var refused))
                {
                    LogRefused(log, participantId, $"it holds {held} WebSockets, twice ConnectMock:Chat:MaxSocketsPerParticipant ({_options.MaxSocketsPerParticipant})", refused);
                }

                throw AwsErrors.LimitExceeded(
                    $"This participant holds {held} WebSockets, open or closing: twice the {_options.MaxSocketsPerParticipant} that receive the chat (ConnectMock:Chat:MaxSocketsPerParticipant). Close some first.");
            }

            _open++;
            _perParticipant[participantId] = held + 1;
        }

        return new Admission(this, participantId);
    }

    private void Release(Guid participantId)
    {
        lock (_gate)
        {
            _open--;
            var left = _perParticipant[participantId] - 1;
            if (left == 0)
            {
                _perParticipant.Remove(participantId);
            }
            else
            {
                _perParticipant[participantId] = left;
            }
        }
    }

    private sealed class Admission(OpenChatSockets sockets, Guid participantId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                sockets.Release(participantId);
            }
        }
    }

    /// <summary>The refusals at one cap since its last warning; used under the lock of <see cref="OpenChatSockets"/>.</summary>
    private sealed class RefusalCount
    {
        private DateTimeOffset? _warnedAt;
        private int _refused;

        /// <summary>Counts a refusal; true when it is to be logged, with how many there were since the last warning, itself included.</summary>
        public bool Warns(DateTimeOffset now, out int refused)
        {
            refused = ++_refused;
            if (_warnedAt is { } last && now - last < RefusalWarningInterval)
            {
                return false;
            }

            _warnedAt = now;
            _refused = 0;
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "WebSocket of participant {ParticipantId} refused: {Reason}. Refused at this cap since its previous warning: {Refused}, this one included (one warning per cap every 10 s at most)")]
    private static partial void LogRefused(ILogger log, Guid participantId, string reason, int refused);
}
