import { MOVE_SECRET_COMMAND } from '../../../common/moveSecret';
import { CommandContext } from '../context';
import { clearToken } from './clearToken';
import { convertFormat } from './convertFormat';
import { copyClientSecret } from './copyClientSecret';
import { deploy } from './deploy';
import { forgetEnvironmentValues } from './forgetEnvironmentValues';
import { importProvider } from './importProvider';
import { moveSecretToEnvironment } from './moveSecretToEnvironment';
import { pickVersion } from './pickVersion';
import { refreshReferences } from './refreshReferences';
import { selectEnvironment } from './selectEnvironment';
import { setToken } from './setToken';
import { showDeployResult } from './showDeployResult';

/** Makes a command's handler from the one context object all commands share. */
// `any[]`: VS Code passes whatever the caller gave (a URI from a menu, nothing from the palette).
export type CommandFactory = (context: CommandContext) => (...args: any[]) => unknown;

/** Every command of the extension, by the id package.json's contributes.commands declares it with. */
export function createCommands(): Record<string, CommandFactory> {
  return {
    'authentik.deploy': deploy,
    'authentik.importProvider': importProvider,
    'authentik.setToken': setToken,
    'authentik.clearToken': clearToken,
    'authentik.refreshReferences': refreshReferences,
    'authentik.copyClientSecret': copyClientSecret,
    'authentik.showDeployResult': showDeployResult,
    'authentik.convertFormat': convertFormat,
    'authentik.pickVersion': pickVersion,
    [MOVE_SECRET_COMMAND]: moveSecretToEnvironment,
    'authentik.selectEnvironment': selectEnvironment,
    'authentik.forgetEnvironmentValues': forgetEnvironmentValues,
  };
}
