using System.ComponentModel.DataAnnotations;

namespace ConnectMock.Connect;

/// <summary>Where the mock pretends to run, for the ARNs it returns. Section <c>ConnectMock</c>.</summary>
internal sealed class ConnectOptions
{
    public const string Section = "ConnectMock";

    [Required(ErrorMessage = "The field {0} must be an AWS region such as us-east-1.")]
    [RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    public string Region { get; set; } = "us-east-1";

    /// <summary>LocalStack's and moto's default account, so ARNs look the same across emulators.</summary>
    [Required(ErrorMessage = "The field {0} must be 12 digits.")]
    [RegularExpression("^[0-9]{12}$")]
    public string AccountId { get; set; } = "000000000000";

    public string ContactArn(string instanceId, string contactId) =>
        $"arn:aws:connect:{Region}:{AccountId}:instance/{instanceId}/contact/{contactId}";
}
