/**
 * Ticket bodies are Markdown; Jira's REST API v2 takes descriptions and
 * comments in Jira wiki markup, on Cloud and Data Center alike. This
 * converts the Markdown the ticket templates produce: fenced code blocks
 * ({noformat}, which needs no language list), headings, bullet and numbered
 * lists, rules, inline code, links and bold. Braces and brackets elsewhere
 * are escaped so text such as `${VAR}` or `[1]` never turns into a macro or
 * a link. Lines are otherwise kept as they are, so the fingerprint marker
 * line reads the same in Jira as in the body.
 */
export function markdownToJiraWiki(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1].startsWith(fence)) {
        out.push('{noformat}');
        fence = null;
      } else {
        out.push(line);
      }
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      out.push('{noformat}');
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    const numbered = /^(\s*)\d+[.)]\s+(.*)$/.exec(line);
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('----');
    } else if (heading) {
      out.push(`h${heading[1].length}. ${inline(heading[2])}`);
    } else if (bullet) {
      out.push(`${'*'.repeat(depth(bullet[1]))} ${inline(bullet[2])}`);
    } else if (numbered) {
      out.push(`${'#'.repeat(depth(numbered[1]))} ${inline(numbered[2])}`);
    } else {
      out.push(inline(line));
    }
  }
  if (fence !== null) {
    out.push('{noformat}');
  }
  return out.join('\n');
}

function depth(indent: string): number {
  return Math.floor(indent.length / 2) + 1;
}

const INLINE = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|([{}[\]])/g;

function inline(text: string): string {
  return text.replace(
    INLINE,
    (
      _all,
      code?: string,
      label?: string,
      url?: string,
      bold?: string,
      special?: string,
    ) => {
      if (code !== undefined) {
        return `{{${code.replace(/([{}])/g, '\\$1')}}}`;
      }
      if (label !== undefined) {
        return `[${label.replace(/([[\]|{}])/g, '\\$1')}|${url}]`;
      }
      if (bold !== undefined) {
        return `*${bold}*`;
      }
      return `\\${special}`;
    },
  );
}
