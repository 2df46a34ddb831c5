// Validates Adaptive Cards with the renderer's own parser (npm adaptivecards), targeting version 1.5 as Teams does.
// Usage: node validate-cards.js <folder of *.json cards>. Reports parse and validation events, and properties the
// parser dropped (unknown to it): it compares each card with its own round trip. Prints "valid N" and exits 0, or 1.
const fs = require('fs');
const path = require('path');
const AC = require('adaptivecards/dist/adaptivecards.js');

const folder = process.argv[2];
let problems = 0;
let count = 0;

// Keys the parser writes back in its own way, which are not a sign of an unknown property.
const canonical = (value) => JSON.stringify(value, (key, v) => (key === '$schema' ? undefined : v));

function droppedKeys(original, roundTrip, where) {
  const dropped = [];
  if (Array.isArray(original)) {
    original.forEach((item, i) => dropped.push(...droppedKeys(item, roundTrip?.[i], `${where}[${i}]`)));
  } else if (original && typeof original === 'object') {
    for (const key of Object.keys(original)) {
      if (key === '$schema') continue;
      if (roundTrip === undefined || roundTrip === null || !(key in roundTrip)) dropped.push(`${where}.${key}`);
      else dropped.push(...droppedKeys(original[key], roundTrip[key], `${where}.${key}`));
    }
  }
  return dropped;
}

for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
  count++;
  const json = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) events.push(event.message);
  if (json.type !== 'AdaptiveCard' || !/^1\.[0-5]$/.test(json.version ?? '')) events.push(`version ${json.version} is not 1.0 to 1.5`);
  const dropped = droppedKeys(json, card.toJSON(context), 'card');
  if (events.length || dropped.length) {
    problems++;
    console.log(`${file}: ${[...events, ...dropped.map((d) => 'unknown property ' + d)].join('; ')}`);
  }
}
console.log(problems ? `invalid ${problems} of ${count}` : `valid ${count}`);
process.exit(problems ? 1 : 0);
