import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPlaceServerErrorsParams,
  checkPrepareDeployParams,
  checkRefreshReferencesParams,
  checkReferencesStatusParams,
  checkSetConnectionsParams,
  ParamsCheck,
} from '../../common/protocol';

const CONNECTION = { scopeUri: 'file:///w', serverUrl: 'https://auth.example.com', token: 't', allowInsecureHttp: false };
const DOCUMENT = { uri: 'file:///w/a.oauth2provider.yaml', version: 3 };

/** Each check: params it accepts, and params it refuses with what it says. */
const CASES: [string, ParamsCheck, unknown[], [unknown, string][]][] = [
  [
    'authentik/setConnections',
    checkSetConnectionsParams,
    [{ connections: [] }, { connections: [CONNECTION, { ...CONNECTION, scopeUri: null, token: undefined }] }],
    [
      [undefined, 'params are missing (an object)'],
      [{ connections: [CONNECTION, { ...CONNECTION, serverUrl: ['x'] }] }, 'connections[1].serverUrl must be a string, not a list'],
      [{ connections: [{ ...CONNECTION, allowInsecureHttp: undefined }] }, 'connections[0].allowInsecureHttp is missing (a boolean)'],
      [{ connections: [{ ...CONNECTION, token: null }] }, 'connections[0].token must be a string, not null'],
    ],
  ],
  [
    'authentik/refreshReferences',
    checkRefreshReferencesParams,
    [undefined, null, {}, { uri: 'file:///w' }],
    [
      [{ uri: null }, 'uri must be a string, not null'],
      [[], 'params must be an object, not a list'],
    ],
  ],
  [
    'authentik/prepareDeploy',
    checkPrepareDeployParams,
    [{ textDocument: DOCUMENT }, { textDocument: DOCUMENT, environment: {} }, { textDocument: DOCUMENT, environment: { GRAFANA_CLIENT_SECRET: 's3cr3t', EMPTY: '' } }],
    [
      [{ textDocument: 'file:///w' }, 'textDocument must be an object, not a string'],
      [{ textDocument: { uri: DOCUMENT.uri } }, 'textDocument.version is missing (an integer)'],
      [{ textDocument: { ...DOCUMENT, version: 2 ** 60 } }, 'textDocument.version must be an integer, not a number'],
      [{ textDocument: DOCUMENT, environment: ['A=b'] }, 'environment must be an object, not a list'],
      [{ textDocument: DOCUMENT, environment: null }, 'environment must be an object, not null'],
      // The message names the variable and the kind of its value, never the value.
      [{ textDocument: DOCUMENT, environment: { SECRET: 12345 } }, 'environment["SECRET"] must be a string, not a number'],
      [{ textDocument: DOCUMENT, environment: { SECRET: 'x'.repeat(65_537) } }, 'environment["SECRET"] is longer than 65536 characters'],
      [{ textDocument: DOCUMENT, environment: Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`V${i}`, 'x'])) }, 'environment may have at most 256 variables'],
      [{ textDocument: DOCUMENT, environment: { ['N'.repeat(257)]: 'x' } }, `environment: the name "${'N'.repeat(40)}"... is longer than 256 characters`],
    ],
  ],
  [
    'authentik/placeServerErrors',
    checkPlaceServerErrorsParams,
    [{ textDocument: DOCUMENT, fieldErrors: {} }, { textDocument: DOCUMENT, fieldErrors: { name: ['Bad.'] } }],
    [
      [{ textDocument: DOCUMENT, fieldErrors: null }, 'fieldErrors must be an object, not null'],
      [{ fieldErrors: {} }, 'textDocument is missing (an object)'],
    ],
  ],
  [
    'authentik/referencesStatus',
    checkReferencesStatusParams,
    [{ state: 'ok', message: 'Loaded.' }, { state: 'unconfigured', message: '' }],
    [
      [{ state: 'broken', message: 'x' }, 'state must be one of ok, offline, unauthorized, unconfigured'],
      [{ state: 'ok' }, 'message is missing (a string)'],
    ],
  ],
];

describe('protocol: the run-time check of each custom message', () => {
  for (const [method, check, good, bad] of CASES) {
    it(`${method}: accepts what its type declares, refuses the rest and says where`, () => {
      for (const params of good) assert.equal(check(params), undefined, JSON.stringify(params));
      for (const [params, problem] of bad) assert.equal(check(params), problem, JSON.stringify(params));
    });
  }

  it('never quotes a value it refuses (a token stays out of the log)', () => {
    const problem = checkSetConnectionsParams({ connections: [{ ...CONNECTION, token: 12345678, serverUrl: 'https://secret.example' }] });
    assert.equal(problem, 'connections[0].token must be a string, not a number');
  });
});
