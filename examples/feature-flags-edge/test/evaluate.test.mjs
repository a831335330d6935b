import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucket, isOn } from '../dist/evaluate.js';

test('bucket is stable and within 0..99', () => {
  const b = bucket('new-checkout', 'user-42');
  assert.equal(b, bucket('new-checkout', 'user-42'));
  assert.ok(b >= 0 && b < 100);
});

test('disabled flags are off even for allow-listed users', () => {
  const flag = {
    key: 'x',
    enabled: false,
    rolloutPercent: 100,
    allowList: ['u1'],
  };
  assert.equal(isOn(flag, 'u1'), false);
});

test('allow list wins over a 0% rollout', () => {
  const flag = {
    key: 'x',
    enabled: true,
    rolloutPercent: 0,
    allowList: ['u1'],
  };
  assert.equal(isOn(flag, 'u1'), true);
  assert.equal(isOn(flag, 'u2'), false);
});
