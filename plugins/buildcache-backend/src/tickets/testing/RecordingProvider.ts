import { ConflictError } from '@backstage/errors';
import type {
  IssueContent,
  PullRequestRequest,
  RemoteItem,
  RemoteState,
  TicketProvider,
  TrackerTarget,
} from '../providers/types';

interface Item extends IssueContent {
  number: number;
  state: RemoteState;
  comments: string[];
  pull?: PullRequestRequest;
}

/**
 * An in-memory tracker for TicketService tests: records every call, keeps
 * issues and pull requests, and lets a test fail or delay the next create.
 * (Provider request shapes are tested against each API with msw.)
 */
export class RecordingProvider implements TicketProvider {
  readonly kind = 'github' as const;
  readonly calls: string[] = [];
  readonly items = new Map<number, Item>();
  /** Files on the base branch, for refusing stale pull requests. */
  readonly files = new Map<string, string>();
  failNextCreate: Error | null = null;
  /** Resolved before a create answers (to hold concurrent requests). */
  createDelay: Promise<void> = Promise.resolve();

  private next = 1;

  async createIssue(_t: TrackerTarget, content: IssueContent) {
    this.calls.push('createIssue');
    await this.createDelay;
    return this.add({ ...content, state: 'open', comments: [] });
  }

  async updateIssue(_t: TrackerTarget, id: string, content: IssueContent) {
    this.calls.push(`updateIssue ${id}`);
    return this.patch(id, content);
  }

  async closeIssue(_t: TrackerTarget, id: string, comment: string) {
    this.calls.push(`closeIssue ${id}`);
    this.get(id).comments.push(comment);
    return this.patch(id, { state: 'closed' });
  }

  async getIssue(_t: TrackerTarget, id: string) {
    this.calls.push(`getIssue ${id}`);
    return this.remote(this.get(id));
  }

  async findIssueByMarker(_t: TrackerTarget, marker: string) {
    this.calls.push('findIssueByMarker');
    const item = [...this.items.values()].find(
      i => i.state === 'open' && !i.pull && i.body.includes(marker),
    );
    return item ? this.remote(item) : null;
  }

  async openPullRequest(_t: TrackerTarget, request: PullRequestRequest) {
    this.calls.push(`openPullRequest ${request.branch}`);
    await this.createDelay;
    for (const file of request.files) {
      const current = this.files.get(file.path);
      if (current !== undefined && current !== file.expectedContent) {
        throw new ConflictError(`${file.path} changed since the scan`);
      }
    }
    const existing = [...this.items.values()].find(
      i => i.pull?.branch === request.branch && i.state === 'open',
    );
    if (existing) return this.remote(existing);
    return this.add({
      title: request.title,
      body: request.body,
      labels: request.labels,
      state: 'open',
      comments: [],
      pull: request,
    });
  }

  async updatePullRequest(
    _t: TrackerTarget,
    id: string,
    content: IssueContent,
  ) {
    this.calls.push(`updatePullRequest ${id}`);
    return this.patch(id, content);
  }

  async getPullRequest(_t: TrackerTarget, id: string) {
    this.calls.push(`getPullRequest ${id}`);
    return this.remote(this.get(id));
  }

  async closePullRequest(_t: TrackerTarget, id: string, comment: string) {
    this.calls.push(`closePullRequest ${id}`);
    this.get(id).comments.push(comment);
    return this.patch(id, { state: 'closed' });
  }

  /** Sets an item's state as if changed in the tracker. */
  setState(id: string, state: RemoteState) {
    this.get(id).state = state;
  }

  private add(item: Omit<Item, 'number'>): RemoteItem {
    if (this.failNextCreate) {
      const error = this.failNextCreate;
      this.failNextCreate = null;
      throw error;
    }
    const number = this.next++;
    this.items.set(number, { ...item, number });
    return this.remote(this.items.get(number)!);
  }

  private get(id: string): Item {
    const item = this.items.get(Number(id));
    if (!item) throw new Error(`no item ${id}`);
    return item;
  }

  private patch(id: string, update: Partial<Item>): RemoteItem {
    const item = this.get(id);
    Object.assign(item, update);
    return this.remote(item);
  }

  private remote(item: Item): RemoteItem {
    return {
      externalId: String(item.number),
      url: `https://github.com/acme/repo/${item.pull ? 'pull' : 'issues'}/${
        item.number
      }`,
      state: item.state,
    };
  }
}
