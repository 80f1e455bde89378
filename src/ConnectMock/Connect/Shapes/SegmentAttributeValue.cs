using ConnectMock.Contacts;

namespace ConnectMock.Connect;

/// <summary>The value of a segment attribute.</summary>
internal sealed class SegmentAttributeValue
{
    /// <summary>A string value.</summary>
    /// <example>connect:Guide</example>
    public string? ValueString { get; set; }

    /// <summary>A map value.</summary>
    public Dictionary<string, SegmentAttributeValue?>? ValueMap { get; set; }

    /// <summary>An integer value.</summary>
    public int? ValueInteger { get; set; }

    /// <summary>A list value. Only for system-defined (<c>connect:</c>) attributes.</summary>
    public List<SegmentAttributeValue?>? ValueList { get; set; }

    /// <summary>An ARN value. Only for system-defined (<c>connect:</c>) attributes.</summary>
    public string? ValueArn { get; set; }

    public SegmentValue ToDomain() => new(
        ValueString,
        Contacts.ValueMap.Of(ValueMap?.ToDictionary(v => v.Key, v => v.Value!.ToDomain(), StringComparer.Ordinal)),
        ValueInteger,
        Contacts.ValueList.Of(ValueList?.ConvertAll(v => v!.ToDomain())),
        ValueArn);

    public static SegmentAttributeValue FromDomain(SegmentValue value) => new()
    {
        ValueString = value.ValueString,
        ValueMap = value.ValueMap?.ToDictionary(v => v.Key, v => (SegmentAttributeValue?)FromDomain(v.Value), StringComparer.Ordinal),
        ValueInteger = value.ValueInteger,
        ValueList = value.ValueList?.Select(v => (SegmentAttributeValue?)FromDomain(v)).ToList(),
        ValueArn = value.ValueArn,
    };
}
