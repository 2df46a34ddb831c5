using System.Net;
using System.Text.Json.Nodes;
using PeerBot.Tests.Support;

namespace PeerBot.Tests.Teams;

/// <summary>/api/messages as protocol.md §2 describes it, in local mode (no credentials), over real HTTP.</summary>
public sealed class MessagesEndpointTests : BotWithConnector
{
    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task MessagesEndpoint_OtherMethod_Returns405(string method)
    {
        using var response = await Bot.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"text\": \"no type\"}")]
    [InlineData("{\"type\": \"message\"}")]
    [InlineData("{\"type\": \"message\", \"conversation\": {\"id\": \"a:1\"}, \"serviceUrl\": \"file:///etc/passwd\"}")]
    [InlineData("")]
    public async Task MessagesEndpoint_BodyIsNotAnActivity_Returns400WithReason(string body)
    {
        using var response = await Bot.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("BadArgument", (string?)error["error"]!["code"]);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task MessagesEndpoint_BodyAboveSizeLimit_Returns413()
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, new string('x', 300 * 1024));

        using var response = await Bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task MessagesEndpoint_Message_Returns200WithEmptyBodyAndRepliesToTheActivity()
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, "hjælp", id: "1767261600123");

        using var response = await Bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var call = Assert.Single(Connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations/a%3A1Xy9QwErTyUiOpAsDfGhJkLzXcVbNm0123456789PersonalChatId/activities/1767261600123", call.RawPath);
        Assert.Null(call.Authorization);
        Assert.Equal(TestActivities.BotId, (string?)call.Body!["from"]!["id"]);
        Assert.Equal("1767261600123", (string?)call.Body["replyToId"]);
        Assert.Equal(TestActivities.PersonalConversationId, (string?)call.Body["conversation"]!["id"]);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("somethingTeamsInventsNextYear")]
    public async Task MessagesEndpoint_UnknownOrIgnoredType_Returns200AndSaysNothing(string type)
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, null);
        activity["type"] = type;
        activity["brandNewField"] = new JsonObject { ["nested"] = true };

        using var response = await Bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task MessagesEndpoint_UnknownFields_AreIgnored()
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, "help", locale: "en-GB");
        activity["someFutureField"] = new JsonArray(1, 2, 3);
        activity["from"]!["futureAccountField"] = "x";

        using var response = await Bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Connector.Calls);
    }

    [Fact]
    public async Task MessagesEndpoint_UnknownInvoke_Returns501()
    {
        using var response = await Bot.PostAsync(TestActivities.CardActionInvoke(Connector.ServiceUrl, "about", name: "composeExtension/query"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task MessagesEndpoint_CardActionInvokeWithoutValue_Returns400ErrorBody()
    {
        using var response = await Bot.PostAsync(TestActivities.CardActionInvoke(Connector.ServiceUrl, choice: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("BadRequest", (string?)body["value"]!["code"]);
    }

    [Fact]
    public async Task MessagesEndpoint_CardActionInvoke_AnswersInTheResponseAndRepliesInTheChat()
    {
        using var response = await Bot.PostAsync(TestActivities.CardActionInvoke(Connector.ServiceUrl, "privacy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        var reply = Assert.Single(Connector.Sent);
        Assert.Contains("Ingen læser med", (string?)reply["text"]);
    }

    [Fact]
    public async Task MessagesEndpoint_SameMessageDeliveredTwice_RunsTheTurnOnce()
    {
        var activity = TestActivities.Message(Connector.ServiceUrl, "hjælp");

        using var first = await Bot.PostAsync(activity);
        using var second = await Bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(Connector.Calls);
    }

    [Fact]
    public async Task MessagesEndpoint_SameInvokeDeliveredTwiceAtOnce_RunsOnceAndAnswersBothAlike()
    {
        var invoke = TestActivities.CardActionInvoke(Connector.ServiceUrl, "about");

        var responses = await Task.WhenAll(Bot.PostAsync(invoke), Bot.PostAsync(invoke));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Single(Connector.Calls);
    }

    [Fact]
    public async Task MessagesEndpoint_SameIdInAnotherConversation_IsNotAReplay()
    {
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "hjælp", id: "42"));
        await Bot.PostAsync(TestActivities.Message(Connector.ServiceUrl, "hjælp", id: "42", conversationId: "a:another-personal-chat"));

        Assert.Equal(2, Connector.Calls.Count);
    }

    [Fact]
    public async Task Healthz_WhileServing_Returns200()
    {
        using var response = await Bot.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
