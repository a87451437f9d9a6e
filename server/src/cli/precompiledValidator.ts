import type { ValidateFunction } from 'ajv';

/**
 * The request schema's validator compiled at build time. This file is only what runs from source
 * (tests, tsx): there is none, and the schema is compiled on first use. In dist/cli.js,
 * scripts/build.mjs replaces this module with the code of requestValidatorCode().
 */
export const precompiledValidator: ValidateFunction | undefined = undefined;
