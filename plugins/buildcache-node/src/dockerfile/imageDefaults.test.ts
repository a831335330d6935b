import { imageDefaultsOf } from './imageDefaults';

describe('imageDefaultsOf', () => {
  it.each([
    ['registry.access.redhat.com/ubi9/python-311', '1001', '/opt/app-root/src'],
    ['registry.redhat.io/ubi8/nodejs-20:1-50', '1001', '/opt/app-root/src'],
    ['quay.io/sclorg/python-312-c9s:c9s', '1001', '/opt/app-root/src'],
    ['ubi9/s2i-base:1', 'root', '/opt/app-root/src'],
    ['quay.io/sclorg/s2i-core-c9s:c9s', 'root', '/opt/app-root/src'],
    ['quay.io/fedora/s2i-base:42', 'root', '/opt/app-root/src'],
    ['cimg/node:22.11', 'circleci', '/home/circleci'],
    ['registry.access.redhat.com/ubi9/ubi', 'root', undefined],
    ['registry.access.redhat.com/ubi9/ubi-minimal', 'root', undefined],
    ['python:3.12', 'root', undefined],
    ['mcr.microsoft.com/dotnet/sdk:8.0', 'root', undefined],
    ['nvcr.io/nvidia/cuda:12.4.0-devel-ubuntu22.04', 'root', undefined],
    ['gcr.io/distroless/static-debian12', 'root', undefined],
    ['gcr.io/distroless/static-debian12:nonroot', 'nonroot', '/home/nonroot'],
    ['mambaorg/micromamba:1.5', 'mambauser', '/home/mambauser'],
  ])('%s runs as %s (HOME %s)', (ref, user, home) => {
    const defaults = imageDefaultsOf(ref);
    expect(defaults?.user).toBe(user);
    expect(new Map(defaults?.env).get('HOME')).toBe(home);
  });

  it.each([
    'ghcr.io/acme/base:1',
    'bitnami/python:3.12',
    'sonarqube:lts',
    '${BASE_IMAGE}',
  ])('does not know the user of %s', ref => {
    expect(imageDefaultsOf(ref)).toBeNull();
  });
});
