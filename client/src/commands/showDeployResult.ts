import { CommandContext } from '../context';

/** "authentik: Show Last Deploy Result": the read-only result document, beside the editor. */
export function showDeployResult(context: CommandContext) {
  return () => context.results.reveal();
}
