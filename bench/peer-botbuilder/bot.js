// The peer in bench/: a Bot Framework JS SDK bot doing what a PeerBot turn does in the turn benchmark. Each message
// is one turn of a waterfall (a text prompt, then thanks), the conversation's dialog state is loaded and saved every
// turn (MemoryStorage), and one reply goes to the conversation's serviceUrl. No credentials: local mode, like PeerBot.
// Usage: node bot.js <port>
const http = require('node:http');
const {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage,
} = require('botbuilder');
const { DialogSet, TextPrompt, WaterfallDialog, DialogTurnStatus } = require('botbuilder-dialogs');

const port = Number(process.argv[2] || 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const conversationState = new ConversationState(new MemoryStorage());
const dialogState = conversationState.createProperty('dialogState');
const dialogs = new DialogSet(dialogState);
dialogs.add(new TextPrompt('text'));
dialogs.add(new WaterfallDialog('reflect', [
  async (step) => step.prompt('text', 'Hvad har du tænkt over i denne uge?'),
  async (step) => {
    await step.context.sendActivity('Tak fordi du delte det.');
    return step.endDialog();
  },
]));

async function onTurn(context) {
  if (context.activity.type !== 'message') return;
  const dc = await dialogs.createContext(context);
  const result = await dc.continueDialog();
  if (result.status === DialogTurnStatus.empty) await dc.beginDialog('reflect');
  await conversationState.saveChanges(context);
}

// The adapter's request and response shapes over Node's own http server.
http.createServer((req, res) => {
  if (req.method === 'GET') { res.writeHead(200); res.end('ok'); return; }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const request = { body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers, method: req.method };
    let status = 200;
    const response = {
      socket: req.socket,
      header: (name, value) => res.setHeader(name, value),
      status: (code) => { status = code; },
      send: (body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(body === undefined ? '' : JSON.stringify(body)); },
      end: () => { if (!res.writableEnded) { res.writeHead(status); res.end(); } },
    };
    try {
      await adapter.process(request, response, onTurn);
      response.end();
    } catch (error) {
      if (!res.writableEnded) { res.writeHead(500); res.end(); }
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
