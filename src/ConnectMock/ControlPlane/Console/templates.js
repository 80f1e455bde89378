// The interactive templates ConnectMock knows (src/ConnectMock/Contacts/InteractiveTemplates.cs), one documented
// example of each (docs/interactive-messages.md), as a starting point to edit. The server checks what is sent.
export const INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive";

export const TEMPLATES = {
  ListPicker: {
    templateType: "ListPicker", version: "1.0",
    data: {
      replyMessage: { title: "Thanks for selecting!", subtitle: "Produce selected" },
      content: {
        title: "What produce would you like to buy?", subtitle: "Tap to select option",
        elements: [{ title: "Apple", subtitle: "$1.00" }, { title: "Orange", subtitle: "$1.50" }, { title: "Banana", subtitle: "$10.00" }],
      },
    },
  },
  TimePicker: {
    templateType: "TimePicker", version: "1.0",
    data: {
      replyMessage: { title: "Thanks for selecting", subtitle: "Appointment selected" },
      content: {
        title: "Schedule appointment", subtitle: "Tap to select option", timeZoneOffset: -450,
        location: { latitude: 47.616299, longitude: -122.4311, title: "Oscar", radius: 1 },
        timeslots: [{ date: "2026-10-31T17:00+00:00", duration: 60 }, { date: "2026-11-15T13:00+00:00", duration: 60 }],
      },
    },
  },
  Panel: {
    templateType: "Panel", version: "1.0",
    data: {
      replyMessage: { title: "Thanks for selecting!" },
      content: {
        title: "How can I help you?", subtitle: "Tap to select option",
        elements: [{ title: "Check self-service options" }, { title: "Talk to an agent" }, { title: "End chat" }],
      },
    },
  },
  QuickReply: {
    templateType: "QuickReply", version: "1.0",
    data: { content: { title: "How was your experience?", elements: [{ title: "Great" }, { title: "Good" }, { title: "Bad" }] } },
  },
  Carousel: {
    templateType: "Carousel", version: "1.0",
    data: {
      content: {
        title: "Select a destination:",
        elements: [
          {
            templateType: "ListPicker", templateIdentifier: "travel", version: "1.0",
            data: { content: { title: "Explore our travel options", elements: [{ title: "Purchase ticket" }, { title: "View destinations" }] } },
          },
          {
            templateType: "Panel", templateIdentifier: "hotels", version: "1.0",
            data: { content: { title: "Explore hotels", elements: [{ title: "Book room" }] } },
          },
        ],
      },
    },
  },
  ViewResource: {
    templateType: "ViewResource", version: "1.0",
    data: { content: { viewId: "detail", viewToken: "view-token", viewData: { Heading: "Your order" } } },
  },
};

export const pretty = (value) => JSON.stringify(value, null, 2);
