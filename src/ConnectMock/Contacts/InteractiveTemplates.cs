using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnectMock.Aws;

namespace ConnectMock.Contacts;

/// <summary>
/// The interactive message templates of Amazon Connect chat (content type
/// <c>application/vnd.amazonaws.connect.message.interactive</c>) and the structure each must have to be sent.
/// </summary>
/// <remarks>
/// Sources, in the absence of a model: the admin guide's "Add interactive messages to chat" (templates marked
/// mandatory, "a list of up to six choices" for ListPicker, "1-20 items" for a TimePicker's timeslots, a panel of "up
/// to 10 choices"), amazon-connect-chat-interface (the hosted widget's renderer: which members it reads, QuickReply
/// "2-5 items" in its pull request #127, a Carousel of ListPicker or Panel templates, ViewResource's viewId, viewToken
/// and viewData) and the ShowView documentation (a ViewToken is 1 to 1000 characters). The guide says string lengths
/// (title, subtitle...) are enforced by the client, which truncates them, and that the API "checks only that the total
/// size of the string is less than 20KB"; all other rules must be followed for the message to be sent. So ConnectMock
/// rejects what breaks the structure or the size, and never a long title. Members a template does not name are
/// passed through, as the widget's own extensions (templateIdentifier, actionDetail, type hyperlink) show they are.
/// </remarks>
internal static class InteractiveTemplates
{
    public const string ListPicker = "ListPicker";
    public const string TimePicker = "TimePicker";
    public const string Panel = "Panel";
    public const string QuickReply = "QuickReply";
    public const string Carousel = "Carousel";
    public const string ViewResource = "ViewResource";

    /// <summary>Every templateType ConnectMock accepts.</summary>
    public static readonly IReadOnlyList<string> Types = [ListPicker, TimePicker, Panel, QuickReply, Carousel, ViewResource];

    /// <summary>The documented limit on the whole message: its UTF-8 size must be less than 20 KB.</summary>
    public const int MaxBytes = 20 * 1024;

    public const string Version = "1.0";

    /// <summary>ValidationException naming what is wrong, unless <paramref name="content"/> is a valid template.</summary>
    public static void Check(string content)
    {
        if (Problem(content) is { } problem)
        {
            throw AwsErrors.Of(AwsErrors.ValidationName, $"The interactive message is not a valid template: {problem}");
        }
    }

    /// <summary>What is wrong with <paramref name="content"/> as an interactive template, naming the member; null when nothing is.</summary>
    public static string? Problem(string content)
    {
        var bytes = Encoding.UTF8.GetByteCount(content);
        if (bytes >= MaxBytes)
        {
            return $"it is {bytes} bytes of UTF-8; an interactive message must be less than 20 KB ({MaxBytes} bytes).";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            return $"it is not JSON ({e.Message})";
        }

        using (document)
        {
            try
            {
                Template(document.RootElement, "", Types);
                return null;
            }
            catch (InteractiveTemplateProblem problem)
            {
                return problem.Message;
            }
        }
    }

    private static void Template(JsonElement template, string at, IReadOnlyList<string> allowed)
    {
        RequireObject(template, at.Length == 0 ? "the message" : at.TrimEnd('.'));
        var type = RequiredString(template, at, "templateType");
        if (!allowed.Contains(type))
        {
            throw new InteractiveTemplateProblem($"{at}templateType '{type}' is not one of {string.Join(", ", allowed)}.");
        }

        var version = RequiredString(template, at, "version");
        if (version != Version)
        {
            throw new InteractiveTemplateProblem($"{at}version must be \"{Version}\"; it is \"{version}\".");
        }

        var data = Required(template, at, "data");
        RequireObject(data, $"{at}data");
        var dataAt = $"{at}data.";
        if (type != Carousel && type != ViewResource && Optional(data, "replyMessage") is { } reply)
        {
            RequireObject(reply, $"{dataAt}replyMessage");
            Texts(reply, $"{dataAt}replyMessage.", required: ["title"], optional: ["subtitle", "imageData", "imageDescription"]);
            ImageType(reply, $"{dataAt}replyMessage.");
        }

        var body = Required(data, dataAt, "content");
        RequireObject(body, $"{dataAt}content");
        var contentAt = $"{dataAt}content.";
        switch (type)
        {
            case ListPicker:
                Picker(body, contentAt, type, maxElements: 6, elementTexts: ["subtitle", "imageData", "imageDescription"]);
                break;
            case Panel:
                Picker(body, contentAt, type, maxElements: 10, elementTexts: []);
                break;
            case QuickReply:
                Texts(body, contentAt, required: ["title"], optional: []);
                Elements(body, contentAt, type, 2, 5, (element, elementAt) => Texts(element, elementAt, required: ["title"], optional: []));
                break;
            case TimePicker:
                TimeSlots(body, contentAt);
                break;
            case Carousel:
                Texts(body, contentAt, required: ["title"], optional: []);
                Elements(body, contentAt, type, 1, 5, (element, elementAt) =>
                {
                    Template(element, elementAt, [ListPicker, Panel]);
                    OptionalString(element, elementAt, "templateIdentifier");
                });
                break;
            default:
                View(body, contentAt);
                break;
        }
    }

    private static void Picker(JsonElement content, string at, string type, int maxElements, string[] elementTexts)
    {
        Texts(content, at, required: ["title"], optional: ["subtitle", "imageData", "imageDescription"]);
        ImageType(content, at);
        Elements(content, at, type, 1, maxElements, (element, elementAt) =>
        {
            Texts(element, elementAt, required: ["title"], optional: elementTexts);
            ImageType(element, elementAt);
        });
    }

    private static void TimeSlots(JsonElement content, string at)
    {
        Texts(content, at, required: ["title"], optional: ["subtitle"]);
        if (Optional(content, "timeZoneOffset") is { } offset && (offset.ValueKind != JsonValueKind.Number || !offset.TryGetInt32(out _)))
        {
            throw new InteractiveTemplateProblem($"{at}timeZoneOffset must be a whole number of minutes.");
        }

        if (Optional(content, "location") is { } location)
        {
            RequireObject(location, $"{at}location");
            var locationAt = $"{at}location.";
            RequiredNumber(location, locationAt, "latitude", -90, 90);
            RequiredNumber(location, locationAt, "longitude", -180, 180);
            Texts(location, locationAt, required: ["title"], optional: []);
            if (Optional(location, "radius") is { } radius && !(Number(radius) >= 0))
            {
                throw new InteractiveTemplateProblem($"{locationAt}radius must be a number of at least 0.");
            }
        }

        Elements(content, at, TimePicker, 1, 20, (slot, slotAt) =>
        {
            var date = RequiredString(slot, slotAt, "date");
            if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new InteractiveTemplateProblem($"{slotAt}date must be an ISO 8601 date and time such as 2026-10-31T17:00+00:00; it is \"{date}\".");
            }

            RequiredNumber(slot, slotAt, "duration", 1, int.MaxValue);
        }, member: "timeslots");
    }

    private static void View(JsonElement content, string at)
    {
        Texts(content, at, required: ["viewId"], optional: []);
        if (Optional(content, "viewToken") is { } token && (token.ValueKind != JsonValueKind.String || token.GetString()!.Length is < 1 or > 1000))
        {
            throw new InteractiveTemplateProblem($"{at}viewToken must be a string of 1 to 1000 characters, as DescribeView's ViewToken.");
        }

        if (Optional(content, "viewData") is { } viewData && viewData.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            throw new InteractiveTemplateProblem($"{at}viewData must be an object (or the JSON of one, as a string).");
        }
    }

    private static void Elements(JsonElement content, string at, string type, int min, int max, Action<JsonElement, string> each, string member = "elements")
    {
        var elements = Required(content, at, member);
        if (elements.ValueKind != JsonValueKind.Array)
        {
            throw new InteractiveTemplateProblem($"{at}{member} must be an array.");
        }

        var count = elements.GetArrayLength();
        if (count < min || count > max)
        {
            throw new InteractiveTemplateProblem($"{at}{member} has {count} items; a {type} has {min} to {max}.");
        }

        var index = 0;
        foreach (var element in elements.EnumerateArray())
        {
            var elementAt = $"{at}{member}[{index++}]";
            RequireObject(element, elementAt);
            each(element, elementAt + ".");
        }
    }

    private static void Texts(JsonElement owner, string at, string[] required, string[] optional)
    {
        foreach (var name in required)
        {
            RequiredString(owner, at, name);
        }

        foreach (var name in optional)
        {
            OptionalString(owner, at, name);
        }
    }

    private static void ImageType(JsonElement owner, string at)
    {
        if (OptionalString(owner, at, "imageType") is { } imageType && imageType != "URL")
        {
            throw new InteractiveTemplateProblem($"{at}imageType must be \"URL\"; it is \"{imageType}\".");
        }
    }

    private static string RequiredString(JsonElement owner, string at, string name)
    {
        var value = Required(owner, at, name);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InteractiveTemplateProblem($"{at}{name} must be a non-empty string.");
    }

    private static string? OptionalString(JsonElement owner, string at, string name) =>
        Optional(owner, name) is not { } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InteractiveTemplateProblem($"{at}{name} must be a string.");

    private static void RequiredNumber(JsonElement owner, string at, string name, double min, double max)
    {
        if (Number(Required(owner, at, name)) is not { } value || value < min || value > max)
        {
            throw new InteractiveTemplateProblem($"{at}{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    // A number too large for a double (1e400) is no number a client could use.
    private static double? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    private static JsonElement Required(JsonElement owner, string at, string name) =>
        Optional(owner, name) ?? throw new InteractiveTemplateProblem($"{at}{name} is required.");

    // A member set to null is a member left out, as the SDKs' JSON serializers write an unset field either way.
    private static JsonElement? Optional(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static void RequireObject(JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InteractiveTemplateProblem($"{at} must be a JSON object.");
        }
    }
}
