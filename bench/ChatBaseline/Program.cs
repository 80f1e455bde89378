using ConnectMock.Bench.ChatBaseline;

var app = ChatBaselineApp.Build(WebApplication.CreateBuilder(args));
app.Run();
