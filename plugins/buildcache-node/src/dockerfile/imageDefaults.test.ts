import { imageDefaultsOf } from './imageDefaults';

describe('imageDefaultsOf', () => {
  it.each([
    ['registry.access.redhat.com/ubi9/python-311', '1001', '/opt/app-root/src'],
    ['registry.redhat.io/ubi8/nodejs-20:1-50', '1001', '/opt/app-root/src'],
    ['quay.io/acme/ubi9/s2i-base', '1001', '/opt/app-root/src'],
    ['cimg/node:22.11', 'circleci', '/home/circleci'],
    ['registry.access.redhat.com/ubi9/ubi', 'root', undefined],
    ['registry.access.redhat.com/ubi9/ubi-minimal', 'root', undefined],
    ['python:3.12', 'root', undefined],
    ['ghcr.io/acme/base:1', 'root', undefined],
  ])('%s runs as %s (HOME %s)', (ref, user, home) => {
    const defaults = imageDefaultsOf(ref);
    expect(defaults.user).toBe(user);
    expect(new Map(defaults.env).get('HOME')).toBe(home);
  });
});
