// Captures the activities the Microsoft 365 Agents Playground sends to a bot, as test data the project owns:
// `node tests/tools/capture-activities.js tests/PeerBot.Tests/Teams/captured`. A small listener stands in for the
// bot and writes each activity it receives; the Playground is driven over its own HTTP doors (README of
// tests/tools). Run it again after upgrading the Playground.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');

const out = path.resolve(process.argv[2] || 'captured');
const botPort = 39978;
const playgroundPort = 39150;
const received = [];

const bot = http.createServer((req, res) => {
  let body = '';
  req.on('data', chunk => (body += chunk));
  req.on('end', () => {
    try { received.push(JSON.parse(body)); } catch { /* not an activity */ }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } }));
  });
});

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const call = async (method, url, body) => {
  const response = await fetch(`http://127.0.0.1:${playgroundPort}${url}`, {
    method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.ok ? response.json().catch(() => ({})) : { error: response.status };
};

async function next(name) {
  const before = received.length;
  return { wait: async () => {
    for (let i = 0; i < 50 && received.length === before; i++) await sleep(100);
    received.slice(before).forEach((activity, i) =>
      fs.writeFileSync(path.join(out, `${name}${i ? '-' + i : ''}.json`), JSON.stringify(activity, null, 2) + '\n'));
  } };
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  await new Promise(resolve => bot.listen(botPort, '127.0.0.1', resolve));
  const cli = path.join(__dirname, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const playground = spawn('node', [cli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt'],
    { env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, cwd: fs.mkdtempSync(path.join(require('os').tmpdir(), 'playground-')), stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try { if ((await (await fetch(`http://127.0.0.1:${playgroundPort}/_debug/ping`)).text()).includes('pong')) break; } catch { }
      await sleep(200);
    }
    const config = (await call('GET', '/_internal/v1/config')).config;
    const personal = config.personalChat.id;
    const group = config.groupChats[0].id;
    const team = config.teams[0];
    const channel = team.channels ? team.channels[0].id : team.id;
    const user = config.currentUser ? config.currentUser.id : 'user-id-0';
    const mention = [{ mentioned: { id: config.bot.id }, text: `<at>${config.bot.name}</at>` }];

    let step = await next('msteams-personal-message');
    await call('POST', `/_conversation/v1/conversations/${encodeURIComponent(personal)}/messages`, { from: { id: user }, text: 'hej', textFormat: 'plain' });
    await step.wait();
    step = await next('msteams-groupchat-mention-message');
    await call('POST', `/_conversation/v1/conversations/${encodeURIComponent(group)}/messages`, { from: { id: user }, text: `<at>${config.bot.name}</at> hej`, textFormat: 'plain', mentions: mention });
    await step.wait();
    step = await next('msteams-channel-mention-message');
    await call('POST', `/_conversation/v1/conversations/${encodeURIComponent(channel)}/messages`, { from: { id: user }, text: `<at>${config.bot.name}</at> hej`, textFormat: 'plain', mentions: mention });
    await step.wait();
    step = await next('msteams-personal-install');
    await call('POST', `/_debug/conversation/${encodeURIComponent(personal)}/installation`, {});
    await step.wait();
    // A card to click: sent as the bot would, through the Playground's connector.
    const serviceUrl = received[0].serviceUrl;
    const card = await (await fetch(`${serviceUrl}/v3/conversations/${encodeURIComponent(personal)}/activities`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {
        type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Ja eller nej?' }],
        actions: [{ type: 'Action.Submit', title: 'Ja', data: { choice: 'yes' } }, { type: 'Action.Execute', title: 'Nej', verb: 'choose', data: { choice: 'no' } }] } }] }),
    })).json();
    step = await next('msteams-card-Action.Submit-message');
    await call('POST', '/_conversation/v1/submit', { conversation: { id: personal }, from: { id: user }, replyToId: card.id, value: { choice: 'yes' } });
    await step.wait();
    step = await next('msteams-card-Action.Execute-invoke');
    await call('POST', '/_conversation/v1/invoke', { name: 'adaptiveCard/action', conversation: { id: personal }, from: { id: user }, replyToId: card.id,
      value: { action: { type: 'Action.Execute', verb: 'choose', data: { choice: 'no' } } } });
    await step.wait();

    const types = ['install', 'uninstall', 'botAdded', 'botRemoved', 'userAdded', 'userRemoved', 'mentionInWord', 'sendEmail',
      'channelCreated', 'channelDeleted', 'channelRenamed', 'teamDeleted', 'teamRenamed'];
    const places = [['personal', personal], ['groupchat', group], ['team-channel', channel]];
    for (const type of types) {
      for (const [place, id] of places) {
        const template = await call('GET', `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(id)}&type=${type}`);
        if (!template || template.error || !template.type) continue;
        step = await next(`templates/${type}-${place}`);
        fs.mkdirSync(path.join(out, 'templates'), { recursive: true });
        await call('POST', '/_internal/v1/customActivities', template);
        await step.wait();
      }
    }
  } finally {
    playground.kill();
    bot.close();
  }
  console.log(`captured ${received.length} activities into ${out}`);
}

main().catch(e => { console.error(e); process.exit(1); });
