// Validates a Teams app manifest (and its localization files) against the official schema of its version, from
// the npm package @microsoft/app-manifest. Usage: node validate-manifest.js <folder with manifest.json>
// Prints "valid" or the schema errors, and exits 0 or 1.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const folder = process.argv[2];
const schemas = path.join(__dirname, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

function compile(file) {
  // The official schemas contain \a and \v escapes that JSON does not allow, and patterns written for
  // non-Unicode regular expressions.
  const text = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(text));
}

const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
const version = 'v' + manifest.manifestVersion;
let ok = true;
const check = (name, schemaFile, document) => {
  const validate = compile(path.join(schemas, version, schemaFile));
  if (!validate(document)) {
    ok = false;
    console.log(name + ': ' + JSON.stringify(validate.errors, null, 1));
  }
};
check('manifest.json', 'MicrosoftTeams.schema.json', manifest);
for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
  check(language.file, 'MicrosoftTeams.Localization.schema.json', JSON.parse(fs.readFileSync(path.join(folder, language.file), 'utf8')));
}
console.log(ok ? 'valid' : 'invalid');
process.exit(ok ? 0 : 1);
