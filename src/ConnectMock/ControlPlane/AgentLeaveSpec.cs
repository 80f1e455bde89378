using System.Xml;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>DELETE /_connectmock/contacts/{contactId}/agent</c>; none is <c>{"endChat": true}</c>.</summary>
/// <param name="EndChat">
/// Whether the chat ends because the agent left: true (the default) ends it, at once or after <paramref name="EndAfter"/>;
/// false leaves the customer in the chat until something else ends it.
/// </param>
/// <param name="EndAfter">
/// An ISO 8601 duration (PT2M) the disconnect flow keeps the customer in the chat before it ends it; only with endChat true.
/// </param>
internal sealed record AgentLeaveSpec(bool? EndChat = null, string? EndAfter = null)
{
    /// <summary>The longest endAfter: a chat lasts at most 7 days (ChatDurationInMinutes 10,080).</summary>
    public static readonly TimeSpan MaxEndAfter = TimeSpan.FromDays(7);

    public static ValueTask<AgentLeaveSpec> BindAsync(HttpContext http) =>
        ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentLeaveSpec, new AgentLeaveSpec());

    /// <summary>endAfter read, or null when it is not an ISO 8601 duration.</summary>
    public static TimeSpan? Duration(string? value)
    {
        try
        {
            return value is null ? null : XmlConvert.ToTimeSpan(value);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

internal sealed class AgentLeaveSpecValidator : AbstractValidator<AgentLeaveSpec>
{
    public AgentLeaveSpecValidator()
    {
        RuleFor(s => s.EndAfter)
            .Must(after => AgentLeaveSpec.Duration(after) is { } span && span > TimeSpan.Zero && span <= AgentLeaveSpec.MaxEndAfter)
            .When(s => s.EndAfter is not null)
            .WithMessage("endAfter must be an ISO 8601 duration greater than zero and at most P7D, such as PT2M.");
        RuleFor(s => s.EndAfter)
            .Null()
            .When(s => s.EndChat == false)
            .WithMessage("endAfter is for a chat that ends: leave it out when endChat is false.");
    }
}
