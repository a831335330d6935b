import type {
  DockerfileModel,
  DockerInstruction,
} from '../../dockerfile/model';
import {
  cacheMountsOf,
  packageManagerCallsOf,
  type ResolvedCacheMount,
} from '../../dockerfile/runAnalysis';
import type {
  Rule,
  RuleContext,
  RuleFinding,
  TextEdit,
} from '../../engine/ruleTypes';
import { mountCoversDirectory } from '../../shell/cacheDirectories';
import type { PackageManagerCall } from '../../shell/packageManagers';
import type { ShellCommand } from '../../shell/parseShell';
import { stageAncestry } from '../support/aptHygiene';
import {
  insertAfterWord,
  insertBeforeCommand,
  wordRange,
} from '../support/dockerfileEdits';
import { checkEachRun } from '../support/eachRun';

const APK_CACHE = '/var/cache/apk';
const DNF_CACHES = [
  '/var/cache/dnf',
  '/var/cache/libdnf5',
  '/var/cache/yum',
  '/var/cache/tdnf',
];
const ZYPP_CACHE = '/var/cache/zypp';
const APK_DOWNLOADING = new Set(['add', 'upgrade', 'fix', 'fetch']);
const DNF_DOWNLOADING = new Set([
  'install',
  'upgrade',
  'update',
  'reinstall',
  'groupinstall',
  'distro-sync',
]);
const KEEPCACHE = /keepcache\s*=\s*(1|true|yes)\b/i;

const linksApkCache = (c: ShellCommand) =>
  c.program === 'ln' &&
  c.words.some(w => w.text.replace(/\/+$/, '') === '/etc/apk/cache');
const setsKeepcache = (c: ShellCommand) =>
  c.words.some(w => KEEPCACHE.test(w.text));
/** `zypper modifyrepo|addrepo --keep-packages` (`-k`), or `keeppackages=1` written into a repo file. */
const keepsZypperPackages = (c: ShellCommand) =>
  (c.program === 'zypper' &&
    c.words.some(w => /^(mr|modifyrepo|ar|addrepo)$/.test(w.text)) &&
    c.words.some(w => /^(-k|--keep-packages|-[a-zA-Z]*k[a-zA-Z]*)$/.test(w.text))) ||
  c.words.some(w => /keeppackages\s*=\s*1/i.test(w.text));

/** Commands that ran before `call` in this RUN and in earlier RUNs of the stage and its ancestors. */
function commandsBefore(
  model: DockerfileModel,
  ins: DockerInstruction,
  call: PackageManagerCall,
): ShellCommand[] {
  const own = ins.commands.slice(
    0,
    Math.max(0, ins.commands.indexOf(call.command)),
  );
  if (ins.stage === null) return own;
  const earlier = stageAncestry(model, model.stages[ins.stage]).flatMap(s =>
    s.instructions.filter(i => i.keyword === 'RUN' && i.index < ins.index),
  );
  return [...own, ...earlier.flatMap(i => i.commands)];
}

const mountOn = (mounts: ResolvedCacheMount[], dirs: string[]) =>
  mounts.find(
    m =>
      m.target !== null &&
      dirs.some(d => mountCoversDirectory(m.target as string, d)),
  );

function checkZypper(
  context: RuleContext,
  model: DockerfileModel,
  ins: DockerInstruction,
  findings: RuleFinding[],
): void {
  const zypper = packageManagerCallsOf(ins).find(
    c => c.manager === 'zypper' && c.downloads,
  );
  const mount = zypper && mountOn(cacheMountsOf(ins), [ZYPP_CACHE]);
  if (!zypper || !mount) return;
  if (commandsBefore(model, ins, zypper).some(keepsZypperPackages)) return;
  const edit = insertBeforeCommand(
    model,
    ins,
    zypper.command,
    'zypper --non-interactive modifyrepo --keep-packages --all && ',
  );
  findings.push(
    context.reportInstruction(
      model,
      ins,
      `cache mount on ${mount.target} but no repository keeps packages: zypper deletes downloaded packages after installing them unless keeppackages is on, so the mount only keeps metadata`,
      {
        range: mount.mount.range,
        fix: context.createFix(
          model.path,
          'Keep downloaded packages (zypper modifyrepo --keep-packages --all) before installing',
          edit ? [edit] : [],
        ),
      },
    ),
  );
}

function checkRun(
  context: RuleContext,
  model: DockerfileModel,
  ins: DockerInstruction,
  findings: RuleFinding[],
): void {
  const calls = packageManagerCallsOf(ins);
  const mounts = cacheMountsOf(ins);
  const apk = calls.find(
    c => c.manager === 'apk' && APK_DOWNLOADING.has(c.subcommand ?? ''),
  );
  const apkMount = apk && mountOn(mounts, [APK_CACHE]);
  if (apk && apkMount) {
    const cacheDir = calls.some(
      c =>
        c.manager === 'apk' &&
        c.args.some(
          a => a.text === '--cache-dir' || a.text.startsWith('--cache-dir='),
        ),
    );
    const etcMounted = mountOn(mounts, ['/etc/apk/cache']) !== undefined;
    if (
      !cacheDir &&
      !etcMounted &&
      !commandsBefore(model, ins, apk).some(linksApkCache)
    ) {
      const edit = insertBeforeCommand(
        model,
        ins,
        apk.command,
        `ln -sf ${APK_CACHE} /etc/apk/cache && `,
      );
      findings.push(
        context.reportInstruction(
          model,
          ins,
          `cache mount on ${apkMount.target} but nothing links /etc/apk/cache to it and apk has no --cache-dir: apk only keeps downloads when /etc/apk/cache exists, so the mount stays empty`,
          {
            range: apkMount.mount.range,
            fix: context.createFix(
              model.path,
              `Link /etc/apk/cache to ${APK_CACHE} before apk runs`,
              edit ? [edit] : [],
            ),
          },
        ),
      );
    }
  }
  const dnf = calls.find(
    c =>
      (c.manager === 'dnf' || c.manager === 'yum') &&
      DNF_DOWNLOADING.has(c.subcommand ?? ''),
  );
  const dnfMount = dnf && mountOn(mounts, DNF_CACHES);
  if (dnf && dnfMount) {
    const keep =
      calls.some(
        c =>
          (c.manager === 'dnf' || c.manager === 'yum') &&
          c.command.words.some(w => KEEPCACHE.test(w.text)),
      ) || commandsBefore(model, ins, dnf).some(setsKeepcache);
    if (!keep) {
      const program = dnf.command.program ?? dnf.manager;
      const existing = dnf.args.find(a => /keepcache\s*=/i.test(a.text));
      const range = existing && wordRange(model, ins, existing);
      let edit: TextEdit | null;
      if (existing)
        edit = range
          ? {
              start: model.file.offsetAt(range.line, range.column),
              end: model.file.offsetAt(range.endLine, range.endColumn),
              text: existing.text.replace(/keepcache\s*=.*$/i, 'keepcache=1'),
            }
          : null;
      else
        edit = insertAfterWord(
          model,
          ins,
          dnf.command.words[0],
          ' --setopt=keepcache=1',
        );
      findings.push(
        context.reportInstruction(
          model,
          ins,
          `cache mount on ${dnfMount.target} but ${program} runs without keepcache: it deletes downloaded packages after a successful transaction, so the mount only keeps metadata`,
          {
            range: dnfMount.mount.range,
            fix: context.createFix(
              model.path,
              `Keep downloaded packages with ${program} --setopt=keepcache=1`,
              edit ? [edit] : [],
            ),
          },
        ),
      );
    }
  }
}

/** BC1015: apk/dnf/yum/tdnf/zypper cache mounts that the tool does not actually use to keep packages. */
export const distroPackageCacheNotRetainedRule: Rule = {
  meta: {
    id: 'BC1015',
    target: 'dockerfile',
    name: 'distro-package-cache-not-retained',
    severity: 'warning',
    summary:
      'A cache mount on `/var/cache/apk` while nothing links `/etc/apk/cache` to it and apk has no `--cache-dir`; or a mount on `/var/cache/dnf`, `/var/cache/libdnf5`, `/var/cache/yum` or `/var/cache/tdnf` while dnf/yum/tdnf runs without `keepcache`; or a mount on `/var/cache/zypp` while no repository keeps packages.',
    rationale:
      'apk only caches packages when `/etc/apk/cache` exists (Alpine images do not create it), dnf/yum/tdnf delete downloaded packages after a successful transaction unless `keepcache` is on, and zypper deletes them unless the repository has `keeppackages` on. Without that, the cache mount stays (almost) empty and every build downloads all packages again.',
    recommendedFix:
      'apk: `ln -s /var/cache/apk /etc/apk/cache` before `apk add` (or `--cache-dir /var/cache/apk`). dnf/yum/tdnf: `--setopt=keepcache=1`, or `keepcache=True` in dnf.conf/yum.conf/tdnf.conf. zypper: `zypper modifyrepo --keep-packages --all` before installing.',
    sources: [
      'https://wiki.alpinelinux.org/wiki/Local_APK_cache',
      'https://dnf.readthedocs.io/en/latest/conf_ref.html#keepcache-label',
      'https://doc.opensuse.org/documentation/leap/reference/html/book-reference/cha-sw-cl.html',
      'https://docs.docker.com/reference/dockerfile/#run---mounttypecache',
    ],
    docsPath: 'rules/BC1015.md',
    fixable: true,
  },
  check(context) {
    return checkEachRun(context, (c, model, ins, findings) => {
      checkRun(c, model, ins, findings);
      checkZypper(c, model, ins, findings);
    });
  },
};
