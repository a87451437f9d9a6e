import { findPair } from '../yamlNodes';
import { listFormFindings } from './redirectUrisList';
import { PROBES_PER_RUN } from './redirectUrisProbes';
import { stringFormFindings } from './redirectUrisString';
import { Rule } from './rule';

export const redirectUrisRule: Rule = {
  id: 'redirectUris',
  check({ text, root, value, profile }) {
    const pair = findPair(root, 'redirect_uris');
    const options = {
      clientType: typeof value.client_type === 'string' ? value.client_type : 'confidential',
      // Shared by every entry of the file: a file of thousands of patterns stays fast.
      budget: { remaining: PROBES_PER_RUN },
    };
    // Absent, either form gets the server's default (no entries): the first login decides, and is warned alike.
    if (!pair) return stringFormFindings({ text, root, pair }, options);
    const form = profile.redirectUris;
    // The release's form decides; a value of the other form is the schema's type error, not checked as this one.
    if (!isOfForm(value.redirect_uris, form.kind)) return [];
    return form.kind === 'list' ? listFormFindings({ text, pair }, form, options) : stringFormFindings({ text, root, pair }, options);
  },
};

/** Whether a value can be read in the release's form: absent or null always can (the rules report the absence). */
function isOfForm(value: unknown, kind: 'string' | 'list'): boolean {
  if (value === undefined || value === null) return true;
  return kind === 'list' ? Array.isArray(value) : !Array.isArray(value) && typeof value !== 'object';
}
