import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { requestValidatorCode } from '../../server/src/cli/requestValidatorCode';
import { FIELDS, REQUEST_SCHEMA } from '../../server/src/schema/fields';
import { createRequestAjv } from '../../server/src/service/schemaValidation';

/**
 * The request schema is compiled without checking it against the JSON Schema meta-schema (that
 * takes longer than compiling it), and the CLI uses a validator ajv generated at build time.
 * These tests check the schema once, and the generated validator against the compiled one.
 */
describe('request schema', () => {
  it('is a valid draft-07 JSON Schema', () => {
    assert.equal(REQUEST_SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ allErrors: true, strict: true, validateSchema: true });
    ajv.addFormat('uuid', /^[0-9a-f-]+$/i);
    assert.equal(ajv.validateSchema(REQUEST_SCHEMA), true, ajv.errorsText(ajv.errors));
    assert.ok(ajv.compile(REQUEST_SCHEMA));
  });

  it('is refused by the meta-schema check when broken, so the check above can fail', () => {
    const ajv = new Ajv({ validateSchema: true, strict: false });
    assert.equal(ajv.validateSchema({ ...REQUEST_SCHEMA, required: 'name' }), false);
  });

  describe('validator generated for the CLI', () => {
    const compiled = createRequestAjv().compile(REQUEST_SCHEMA);
    const module = { exports: {} as unknown };
    new Function('module', 'exports', 'require', requestValidatorCode())(module, module.exports, require);
    const generated = module.exports as ValidateFunction;

    const errorsOf = (validate: ValidateFunction, value: unknown) => (validate(value) ? [] : validate.errors);

    it('is a function that validates a provider body', () => {
      assert.equal(typeof generated, 'function');
      assert.deepEqual(errorsOf(generated, { name: 'x', authorization_flow: '8f3b0c7e-0000-4000-8000-000000000001' }), []);
      assert.equal(errorsOf(generated, { name: '', client_type: 'confidental' })?.length, 3);
    });

    it('reports exactly the errors of the schema compiled at run time, on any body', () => {
      const fieldValue = fc.oneof(
        fc.constantFrom('', 'x', 'confidential', 'public', 'confidental', '8f3b0c7e-0000-4000-8000-000000000001', 'not-a-uuid', 'hours=1', 'a'.repeat(300)),
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.oneof(fc.string(), fc.constant('a1b2c3d4-0000-4000-8000-000000000002'), fc.integer()), { maxLength: 3 }),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
      );
      const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS.map((f) => f.key)) }, { weight: 1, arbitrary: fc.string() });
      const body = fc.oneof({ weight: 9, arbitrary: fc.dictionary(key, fieldValue, { maxKeys: 12 }) }, { weight: 1, arbitrary: fieldValue });
      fc.assert(
        fc.property(body, (value) => {
          assert.deepStrictEqual(errorsOf(generated, value), errorsOf(compiled, value));
        }),
        { numRuns: 500 },
      );
    });
  });
});
