import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { spec } from './generated/openapi';

describe('generated/openapi.ts', () => {
  it('is generated from the current openapi.yaml (run openapi:generate)', () => {
    const yaml = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
    expect(spec).toEqual(yaml);
  });

  it('documents every operation with an operationId and error responses', () => {
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const op = operation as { operationId?: string; responses: object };
        expect({ path, method, operationId: op.operationId }).toEqual({
          path,
          method,
          operationId: expect.any(String),
        });
      }
    }
  });
});
