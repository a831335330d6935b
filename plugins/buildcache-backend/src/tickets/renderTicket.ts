import { InputError } from '@backstage/errors';
import type {
  RuleInfo,
  ScorecardFinding,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import { fingerprintMarker } from './fingerprint';

/** The configurable text of tickets (buildcache.tickets.template). */
export interface TicketTemplate {
  issueTitle: string;
  pullRequestTitle: string;
  body: string;
}

export const DEFAULT_TEMPLATE: TicketTemplate = {
  issueTitle: 'Build cache: {{summary}} in {{service}}',
  pullRequestTitle:
    'Build cache: apply {{count}} suggested fixes in {{service}}',
  body: [
    'buildcache found {{count}} build-cache findings in **{{service}}** (`{{entityRef}}`, owner {{owner}}).',
    '',
    '## Findings',
    '',
    '{{findings}}',
    '',
    '## Why it matters',
    '',
    '{{rationale}}',
    '',
    '## Suggested fix',
    '',
    '{{fix}}',
    '',
    'Scorecard: {{scorecardUrl}}',
  ].join('\n'),
};

/** Every placeholder a template may use; anything else fails start-up. */
export const PLACEHOLDERS = [
  'service',
  'entityRef',
  'owner',
  'count',
  'summary',
  'rules',
  'findings',
  'rationale',
  'fix',
  'scorecardUrl',
] as const;

type Placeholder = (typeof PLACEHOLDERS)[number];

/** Throws InputError naming the config key and the unknown placeholder. */
export function validateTemplate(template: TicketTemplate) {
  for (const [key, text] of Object.entries(template)) {
    for (const [, name] of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      if (!PLACEHOLDERS.includes(name as Placeholder)) {
        throw new InputError(
          `buildcache.tickets.template.${key} uses an unknown placeholder {{${name}}}; known: ${PLACEHOLDERS.join(
            ', ',
          )}`,
        );
      }
    }
  }
}

/** A file's change as the body shows it. */
export interface FileFix {
  path: string;
  diff: string;
}

export interface TicketInput {
  kind: TicketKind;
  service: { entityRef: string; title: string; owner: string | null };
  findings: ScorecardFinding[];
  rules: RuleInfo[];
  /** Combined fixes of the files concerned (pull requests commit exactly these). */
  fixes: FileFix[];
  scorecardUrl: string;
  /** The ticket's fingerprint and its findings', written at the end. */
  fingerprint: string;
  findingFingerprints: string[];
  /** Links to open tickets of the other kind about the same files. */
  related: string[];
}

/** Trackers reject huge bodies (GitHub: 65,536 characters). */
export const MAX_BODY = 60_000;

/** Renders the title and body of a ticket or pull request. */
export function renderTicket(
  template: TicketTemplate,
  input: TicketInput,
): { title: string; body: string } {
  const ruleIds = [...new Set(input.findings.map(f => f.ruleId))].sort();
  const rules = ruleIds
    .map(id => input.rules.find(r => r.id === id))
    .filter((r): r is RuleInfo => Boolean(r));
  const values: Record<Placeholder, string> = {
    service: input.service.title,
    entityRef: input.service.entityRef,
    owner: input.service.owner ?? 'none',
    count: String(input.findings.length),
    summary:
      rules.length === 1
        ? `${rules[0].id} ${rules[0].name}`
        : `${input.findings.length} findings of ${ruleIds.join(', ')}`,
    rules: ruleIds.join(', '),
    findings: input.findings.map(findingLine).join('\n'),
    rationale: rules
      .map(
        r =>
          `**${r.id} ${r.name}**: ${r.rationale}${
            r.sources.length ? `\nSee: ${r.sources.join(', ')}` : ''
          }`,
      )
      .join('\n\n'),
    fix: '',
    scorecardUrl: input.scorecardUrl,
  };
  const relatedText = input.related.length
    ? `\n\nRelated: ${input.related.join(', ')}`
    : '';
  const footer = `${relatedText}\n\n---\nFiled by buildcache. ${fingerprintMarker(
    input.fingerprint,
  )} (findings: ${input.findingFingerprints.join(' ')})`;
  const fill = (text: string) =>
    text.replace(
      /\{\{\s*([^}]*?)\s*\}\}/g,
      (_, name: Placeholder) => values[name] ?? '',
    );
  const title = fill(
    input.kind === 'pull-request'
      ? template.pullRequestTitle
      : template.issueTitle,
  )
    .replace(/\s+/g, ' ')
    .slice(0, 250);
  const withoutFix = fill(template.body).length + footer.length;
  values.fix = renderFixes(input, MAX_BODY - withoutFix);
  return { title, body: fill(template.body) + footer };
}

function findingLine(f: ScorecardFinding): string {
  const where = `${f.path}:${f.line}`;
  const location = f.url ? `[${code(where)}](${f.url})` : code(where);
  return `- ${location} **${f.ruleId}** (${f.severity}): ${f.message.replace(
    /\s+/g,
    ' ',
  )}`;
}

function renderFixes(input: TicketInput, room: number): string {
  if (!input.fixes.length) {
    return input.kind === 'pull-request'
      ? 'This pull request applies the fix below.'
      : 'No mechanical fix is offered for these findings; see the rationale above and the scorecard.';
  }
  const blocks = input.fixes.map(f => `${code(f.path)}:\n\n${fence(f.diff)}`);
  const text = blocks.join('\n\n');
  if (text.length <= room) return text;
  return `The combined diff (${
    text.length
  } characters) is too long to show here: see the scorecard${
    input.kind === 'pull-request' ? " or this pull request's changes" : ''
  }.`;
}

/** A fenced diff block whose fence is longer than any backtick run inside. */
function fence(diff: string): string {
  const longest = Math.max(
    2,
    ...[...diff.matchAll(/`+/g)].map(m => m[0].length),
  );
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}diff\n${diff.replace(/\n$/, '')}\n${ticks}`;
}

/** Inline code that stays code whatever backticks the text holds. */
function code(text: string): string {
  const longest = Math.max(
    0,
    ...[...text.matchAll(/`+/g)].map(m => m[0].length),
  );
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
