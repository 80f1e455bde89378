namespace ConnectMock.Tests.ControlPlane;

/// <summary>One valid template of each type Amazon Connect documents, as the admin guide and the hosted widget write them.</summary>
public static class InteractiveTemplateSamples
{
    public const string Interactive = "application/vnd.amazonaws.connect.message.interactive";
    public const string InteractiveResponse = "application/vnd.amazonaws.connect.message.interactive.response";

    public const string ListPicker = """
        {"templateType":"ListPicker","version":"1.0","data":{
          "replyMessage":{"title":"Thanks for selecting!","subtitle":"Produce selected","imageType":"URL","imageData":"https://example.com/fruit.jpg","imageDescription":"Fruit"},
          "content":{"title":"What produce would you like to buy?","subtitle":"Tap to select option","imageType":"URL","imageData":"https://example.com/fruit.jpg",
            "elements":[{"title":"Apple","subtitle":"$1.00","imageType":"URL","imageData":"https://example.com/apple.jpg"},{"title":"Orange"},{"title":"Banana","imageDescription":"Banana"}]}}}
        """;

    public const string TimePicker = """
        {"templateType":"TimePicker","version":"1.0","data":{
          "replyMessage":{"title":"Thanks for selecting","subtitle":"Appointment selected"},
          "content":{"title":"Schedule appointment","subtitle":"Tap to select option","timeZoneOffset":-450,
            "location":{"latitude":47.616299,"longitude":-122.4311,"title":"Oscar","radius":1},
            "timeslots":[{"date":"2026-10-31T17:00+00:00","duration":60},{"date":"2026-11-15T13:00+00:00","duration":60}]}}}
        """;

    public const string Panel = """
        {"templateType":"Panel","version":"1.0","data":{
          "replyMessage":{"title":"Thanks for selecting!"},
          "content":{"title":"How can I help you?","subtitle":"Tap to select option","imageType":"URL","imageData":"https://example.com/company.jpg",
            "elements":[{"title":"Check self-service options"},{"title":"Talk to an agent"},{"title":"End chat"}]}}}
        """;

    public const string QuickReply = """
        {"templateType":"QuickReply","version":"1.0","data":{"content":{"title":"How was your experience?",
          "elements":[{"title":"Great"},{"title":"Good"},{"title":"Bad"}]}}}
        """;

    public const string Carousel = """
        {"templateType":"Carousel","version":"1.0","data":{"content":{"title":"Select a destination:","elements":[
          {"templateType":"ListPicker","templateIdentifier":"travel","version":"1.0","data":{"content":{"title":"Explore our travel options","elements":[{"title":"Purchase ticket"},{"title":"Learn more","type":"hyperlink","url":"https://example.com"}]}}},
          {"templateType":"Panel","templateIdentifier":"hotels","version":"1.0","data":{"content":{"title":"Explore hotels","elements":[{"title":"Book room"}]}}}]}}}
        """;

    public const string ViewResource = """
        {"templateType":"ViewResource","version":"1.0","data":{"content":{"viewId":"detail","viewToken":"view-token","viewData":{"Heading":"Your order"}}}}
        """;

    public static TheoryData<string, string> All => new()
    {
        { "ListPicker", ListPicker },
        { "TimePicker", TimePicker },
        { "Panel", Panel },
        { "QuickReply", QuickReply },
        { "Carousel", Carousel },
        { "ViewResource", ViewResource },
    };
}
