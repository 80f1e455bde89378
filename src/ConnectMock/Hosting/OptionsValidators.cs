using ConnectMock.Aws;
using ConnectMock.Connect;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Attachments;
using ConnectMock.Contacts.Storage;
using ConnectMock.ControlPlane;
using Microsoft.Extensions.Options;

namespace ConnectMock.Hosting;

// The options' data-annotation rules, checked by code generated at compile time: ValidateDataAnnotations reads the
// attributes through reflection and TypeDescriptor at every start (bench/RESULTS.md, "6. Start time"). Same rules,
// same messages.

[OptionsValidator]
internal sealed partial class ConnectOptionsValidator : IValidateOptions<ConnectOptions>;

[OptionsValidator]
internal sealed partial class AwsApiOptionsValidator : IValidateOptions<AwsApiOptions>;

[OptionsValidator]
internal sealed partial class ContactStoreOptionsValidator : IValidateOptions<ContactStoreOptions>;

[OptionsValidator]
internal sealed partial class ChatOptionsValidator : IValidateOptions<ChatOptions>;

[OptionsValidator]
internal sealed partial class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>;

[OptionsValidator]
internal sealed partial class JournalOptionsValidator : IValidateOptions<JournalOptions>;

[OptionsValidator]
internal sealed partial class LoggingOptionsValidator : IValidateOptions<LoggingOptions>;

internal static class ValidatedOptions
{
    /// <summary>
    /// Checks the options with <typeparamref name="TValidator"/> at start (and whenever they are made). Chained, each
    /// validator runs, in the order given.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidatedBy<TOptions, TValidator>(this OptionsBuilder<TOptions> options)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return options.ValidateOnStart();
    }
}

/// <summary>
/// What the attributes cannot say about the attachment settings: a file larger than the whole budget could never be
/// kept, and a scanner pattern that is no regular expression would fail the first scan instead of the start.
/// </summary>
internal sealed class AttachmentOptionsChecks : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        if (options.MaxFileBytes > options.MaxBytes)
        {
            return ValidateOptionsResult.Fail(
                $"ConnectMock:Attachments:MaxFileBytes ({options.MaxFileBytes}) is larger than ConnectMock:Attachments:MaxBytes ({options.MaxBytes}), the budget for all attachments.");
        }

        try
        {
            _ = string.IsNullOrEmpty(options.Scanning.RejectNamePattern) ? null : new System.Text.RegularExpressions.Regex(options.Scanning.RejectNamePattern);
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"ConnectMock:Attachments:Scanning:RejectNamePattern is not a regular expression: {e.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>What the attributes cannot say about the store: which providers there are, and what Redis needs.</summary>
internal sealed class ContactStoreOptionsChecks : IValidateOptions<ContactStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactStoreOptions options)
    {
        if (!string.Equals(options.Provider, ContactStoreOptions.InMemoryProvider, StringComparison.OrdinalIgnoreCase) && !options.IsRedis)
        {
            return ValidateOptionsResult.Fail(
                $"{ContactStoreOptions.Section}:Provider is '{options.Provider}'; it must be {ContactStoreOptions.InMemoryProvider} or {ContactStoreOptions.RedisProvider}.");
        }

        if (options.IsRedis && string.IsNullOrWhiteSpace(options.Redis.Configuration))
        {
            return ValidateOptionsResult.Fail(
                $"{ContactStoreOptions.Section}:Redis:Configuration is required when {ContactStoreOptions.Section}:Provider is {ContactStoreOptions.RedisProvider} "
                + "(a StackExchange.Redis configuration string such as 127.0.0.1:6379).");
        }

        if (options.IsRedis)
        {
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis.Configuration!);
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"{ContactStoreOptions.Section}:Redis:Configuration is not a StackExchange.Redis configuration string: {e.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
