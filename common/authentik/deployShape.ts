import { Profile, profileForVersion } from '../profiles';
import type { ShapeCheck } from './deploy';

/** Two profiles accept the same request when their schemas have the same fields, rules and required keys. */
export function sameRequestShape(a: Profile, b: Profile): boolean {
  if (a === b) return true;
  const shape = (p: Profile) => JSON.stringify({ properties: p.requestSchema.properties, required: [...p.requestSchema.required].sort() });
  return shape(a) === shape(b);
}

/**
 * Why a body prepared for `profile` must not be sent to a server that runs `serverVersion`, or
 * undefined when that server takes its shape. The server's own schema (a profile of source
 * `server` for that release) always fits; otherwise the bundled profile of the release decides.
 */
export function deployShapeProblem(profile: Profile, serverVersion: string | undefined): string | undefined {
  if (serverVersion === undefined) return undefined;
  if (profile.source === 'server' && profile.releases.from === serverVersion) return undefined;
  const lookup = profileForVersion(serverVersion);
  if ('error' in lookup) return `The server runs ${serverVersion.slice(0, 40)}: ${lookup.error} Nothing was sent.`;
  if (sameRequestShape(lookup.profile, profile)) return undefined;
  return (
    `The file was checked for ${profile.label}, but the server runs authentik ${lookup.release}, whose OAuth2 provider API takes another shape ` +
    `(${lookup.profile.label}). Nothing was sent: convert the file to authentik ${lookup.release}'s format first.`
  );
}

/** The check `planDeploy` runs for a body prepared for `profile`. */
export function profileShapeCheck(profile: Profile): ShapeCheck {
  return (serverVersion) => deployShapeProblem(profile, serverVersion);
}
