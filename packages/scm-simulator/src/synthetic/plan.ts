import type { Ecosystem } from './templates';

/*
 * The plan of a synthetic org: what each generated repository is (its
 * host, size class, build files) and the tables the generator draws from.
 * The files themselves are made by SyntheticOrg (org.ts).
 */

/** Which simulated SCM serves a repository (and which Backstage reader reads it). */
export type SyntheticHost = 'github' | 'gitlab';

/**
 * Size classes of the generated repositories. The weights and contents are
 * in `SIZE_CLASSES`; the resulting archive sizes are documented in the
 * README (synthetic org) and measured by the tests.
 */
export type SizeClass = 'small' | 'medium' | 'large' | 'huge';

export interface SizeClassSpec {
  weight: number;
  sourceFiles: [number, number];
  /** Chance of a vendored dependency tree, and its package count. */
  vendored: number;
  packages: [number, number];
  /** Chance of binaries, how many, and which pool sizes they come from. */
  binaries: number;
  binaryCount: [number, number];
  binarySizes: readonly number[];
  /** Dockerfiles (a monorepo has one per service). */
  dockerfiles: [number, number];
}

export const KIB = 1024;
export const MIB = 1024 * 1024;

/** Sizes of the binary pool (each with two variants). */
export const BINARY_SIZES = [
  8 * KIB,
  32 * KIB,
  96 * KIB,
  256 * KIB,
  640 * KIB,
  1.5 * MIB,
  4 * MIB,
  10 * MIB,
] as const;

export const SIZE_CLASSES: Readonly<Record<SizeClass, SizeClassSpec>> = {
  small: {
    weight: 0.6,
    sourceFiles: [15, 80],
    vendored: 0.1,
    packages: [1, 4],
    binaries: 0.2,
    binaryCount: [1, 1],
    binarySizes: BINARY_SIZES.slice(0, 3),
    dockerfiles: [1, 1],
  },
  medium: {
    weight: 0.32,
    sourceFiles: [40, 250],
    vendored: 0.4,
    packages: [4, 16],
    binaries: 0.4,
    binaryCount: [1, 2],
    binarySizes: BINARY_SIZES.slice(1, 5),
    dockerfiles: [1, 2],
  },
  large: {
    weight: 0.074,
    sourceFiles: [150, 500],
    vendored: 0.8,
    packages: [10, 35],
    binaries: 0.9,
    binaryCount: [1, 3],
    binarySizes: BINARY_SIZES.slice(3, 6),
    dockerfiles: [1, 4],
  },
  huge: {
    weight: 0.006,
    sourceFiles: [600, 1500],
    vendored: 1,
    packages: [50, 120],
    binaries: 1,
    binaryCount: [2, 5],
    binarySizes: BINARY_SIZES.slice(5),
    dockerfiles: [4, 12],
  },
};

export const PACKAGE_POOL = 160;
export const CORPUS_BYTES = 512 * KIB;

/** What the generator decided for one repository (cheap; files come later). */
export interface SyntheticRepository {
  index: number;
  /** `owner/name` on GitHub, `group/team/name` on GitLab. */
  name: string;
  /** The catalog entity name (unique in the org). */
  entityName: string;
  host: SyntheticHost;
  defaultBranch: string;
  sizeClass: SizeClass;
  ecosystem: Ecosystem;
  owner: string;
  system: string;
  /** Dockerfile paths, and which of them use RUN --mount=type=cache. */
  dockerfiles: string[];
  cacheMountDockerfiles: string[];
  /** Workflows under .github/workflows that build an image. */
  buildWorkflows: number;
  /** Other workflows (tests). */
  otherWorkflows: number;
  gitlabCi: boolean;
  bake: boolean;
  compose: boolean;
  sourceFiles: number;
  /** Vendored dependency tree: its folder and package pool indexes. */
  vendored: { directory: string; packages: number[] } | null;
  /** Binary pool indexes. */
  binaries: number[];
}

export interface SyntheticOrgOptions {
  /** Same seed, same org: names, files and bytes (default 1). */
  seed?: number | string;
  repositories: number;
  /** Owner of the GitHub repositories (default `acme`). */
  githubOwner?: string;
  /** Top-level group of the GitLab projects (default `platform`). */
  gitlabGroup?: string;
  /** Share of repositories served as GitLab projects (default 0.3). */
  gitlabShare?: number;
}

/** A backstage.io/v1alpha1 Component for a generated repository. */
export interface SyntheticEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Component';
  metadata: {
    name: string;
    namespace: 'default';
    title: string;
    annotations: Record<string, string>;
  };
  spec: { type: string; owner: string; system: string; lifecycle: string };
}

export interface VendoredPackage {
  name: string;
  files: Array<[string, Buffer]>;
}

export const NAME_PARTS = [
  'billing',
  'catalog',
  'checkout',
  'payments',
  'orders',
  'search',
  'ledger',
  'identity',
  'gateway',
  'notifier',
  'reports',
  'inventory',
  'pricing',
  'shipping',
  'media',
  'profile',
  'metrics',
  'scheduler',
  'export',
  'audit',
];
export const NAME_SUFFIXES = [
  'api',
  'service',
  'worker',
  'web',
  'jobs',
  'sync',
  'core',
];
export const BINARY_NAMES = [
  'assets/logo.png',
  'assets/hero.jpg',
  'docs/architecture.pdf',
  'testdata/fixture.bin',
  'lib/native.so',
  'dist/bundle.tar',
  'tools/cli',
  'models/weights.bin',
];
