// @ts-check
// Reads what a deploy left on the authentik test server through its real API, with the run's token
// (run.sh starts the server and puts AUTHENTIK_URL and AUTHENTIK_TOKEN in the environment).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const YAML = require('yaml');

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (test/e2e/run.sh sets it)`);
  return value;
}

/**
 * The OAuth2 providers of exactly this name, as `GET /api/v3/providers/oauth2/?name=` lists them.
 * @param {string} name
 * @param {string} [baseUrl] the server asked; default AUTHENTIK_URL
 * @returns {Promise<Record<string, unknown>[]>}
 */
async function providersNamed(name, baseUrl = required('AUTHENTIK_URL')) {
  const url = new URL('/api/v3/providers/oauth2/', baseUrl);
  url.searchParams.set('name', name);
  const response = await fetch(url, { headers: { authorization: `Bearer ${required('AUTHENTIK_TOKEN')}`, accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`GET ${url.pathname}${url.search} answered ${response.status}`);
  const page = /** @type {{ results: Record<string, unknown>[] }} */ (await response.json());
  return page.results;
}

/**
 * Asserts that the live provider has every field the file sets, as the server stores them: strings
 * trimmed (DRF's CharField does), lists in order.
 * @param {Record<string, unknown>} live
 * @param {string} file path of the *.oauth2provider.yaml
 */
function assertHasFileFields(live, file) {
  /** @type {Record<string, unknown>} */
  const fields = YAML.parse(fs.readFileSync(file, 'utf8'));
  for (const [key, value] of Object.entries(fields)) {
    assert.deepEqual(live[key], typeof value === 'string' ? value.trim() : value, `field ${key} of the deployed provider`);
  }
}

/**
 * Creates an OAuth2 provider through the server's API, as a user of authentik's UI would have.
 * @param {Record<string, unknown>} body
 * @returns {Promise<Record<string, unknown>>}
 */
async function createProvider(body) {
  const url = new URL('/api/v3/providers/oauth2/', required('AUTHENTIK_URL'));
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${required('AUTHENTIK_TOKEN')}`, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${url.pathname} answered ${response.status}: ${await response.text()}`);
  return /** @type {Record<string, unknown>} */ (await response.json());
}

module.exports = { providersNamed, assertHasFileFields, createProvider };
