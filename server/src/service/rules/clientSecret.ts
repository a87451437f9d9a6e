import { isScalar } from 'yaml';
import { Finding, finding } from '../findings';
import { findPair, rangeOf } from '../yamlNodes';
import { Rule } from './rule';

export const clientSecretRule: Rule = {
  id: 'clientSecret',
  check({ root, value }) {
    const pair = findPair(root, 'client_secret');
    if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'string' || pair.value.value === '') return [];
    const findings: Finding[] = [];
    const keyRange = rangeOf(pair.key) ?? [0, 0];
    const valueRange = rangeOf(pair.value) ?? keyRange;
    if (value.client_type === 'public') {
      findings.push(finding('secret-on-public-client', {
        message: 'A public client cannot keep a secret: client_secret is not used for public clients. Remove it, or make the client confidential.',
        start: keyRange[0],
        end: keyRange[1],
        data: { key: 'client_secret' },
      }));
    }
    // Never quote the secret itself in a message: messages end up in CI logs.
    findings.push(finding('secret-in-file', {
      message:
        'A literal client secret is kept in this file. Keep secrets out of the repository: read it from the environment when deploying (client_secret: !env NAME), or omit client_secret and the server generates one, shown once in the deploy result.',
      start: valueRange[0],
      end: valueRange[1],
      data: { key: 'client_secret' },
    }));
    return findings;
  },
};
