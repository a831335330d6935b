import * as nodePath from 'node:path';
import { runRuleTests } from '../testing/ruleTester';
import { dependenciesAfterSourceCopyRule } from './rule';

runRuleTests(
  dependenciesAfterSourceCopyRule,
  nodePath.join(__dirname, 'fixtures'),
  {
    invalid: [
      {
        name: 'JSON form copy',
        files: {
          Dockerfile:
            'FROM node:22\nCOPY [".", "/app"]\nRUN cd /app && npm install\n# expect: BC1007 3:1\n',
        },
      },
      {
        name: 'bare yarn with a value-taking option',
        files: {
          Dockerfile:
            'FROM node:24\nWORKDIR /opt/app\nCOPY . .\nRUN yarn --frozen-lockfile --network-timeout 600000\n# expect: BC1007 4:1\n',
        },
      },
    ],
  },
);
