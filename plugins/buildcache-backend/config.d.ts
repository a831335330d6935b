import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the buildcache plugin. */
  buildcache?: {
    /**
     * How often every catalogued service is rescanned. Defaults to every 6
     * hours with a 30 minute timeout, first run 15 seconds after start-up.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * How often the catalog is checked for services never scanned before,
     * which are then scanned at once. Defaults to every 2 minutes.
     */
    newServicesSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Repositories downloaded and analyzed at the same time (default 4).
     * The ETag lookups before (one small request per repository, usually
     * answered "unchanged") run up to twice as many at once.
     */
    concurrency?: number;
    /**
     * Worker threads that analyze the repositories read, so that analysis
     * does not hold up the backend's main thread (its API, downloads and
     * database writes). 0 analyzes on the main thread. Default: one less
     * than the CPUs available, at most 2 (0 on a single CPU). Rules added
     * by other backend modules (the buildcache.rules extension point) run
     * only on the main thread: with any registered, analysis stays there.
     */
    analysisWorkers?: number;
    /**
     * At the start of each scan cycle, resolve the head commit of every
     * GitHub repository (about 100 per query) and the last commit of every
     * GitLab project's source path (25 per query) in batches through their
     * GraphQL APIs, so that an unchanged repository costs no request of its
     * own (default true). Whatever the batch cannot resolve (other hosts,
     * GitHub Enterprise or GitLab without GraphQL, a failed or rate-limited
     * query, refs other than branches, URL shapes the lookup does not map
     * like the URL reader) is read as before.
     */
    batchHeadLookups?: boolean;
    /**
     * Catalog filter selecting the services to scan, as accepted by the
     * catalog's entity filter (default `{ kind: Component }`).
     */
    catalogFilter?: { [key: string]: string | string[] };
    limits?: {
      /** Files larger than this are skipped (BC9002). Default 1 MiB. */
      maxFileBytes?: number;
      /** At most this many build files are analyzed per repository (default 500). */
      maxFiles?: number;
      /**
       * Reading one repository is abandoned after this many seconds
       * (default 120), for its lookup and for its download each.
       */
      readTimeoutSeconds?: number;
      /**
       * A read that failed with a 5xx, a network error or a rate limit (429,
       * or a 403 with Retry-After) is tried again this many times (default
       * 3; 0 turns retries off), after the wait the SCM asks for or an
       * exponential backoff, never past the read timeout.
       */
      readRetries?: number;
      /** The longest single wait before a retry, in seconds (default 60). */
      maxRetryWaitSeconds?: number;
    };
    scoring?: {
      /** Points subtracted per (rule, file) by severity (defaults 20 / 8 / 2). */
      weights?: { error?: number; warning?: number; info?: number };
    };
    /** Per-rule overrides, keyed by rule id (e.g. BC1005). */
    rules?: {
      [ruleId: string]: {
        enabled?: boolean;
        severity?: 'error' | 'warning' | 'info';
      };
    };
    /**
     * Tickets and fix pull requests. GitHub and GitLab credentials come from
     * the `integrations` config (GitHub apps or tokens, GitLab tokens).
     */
    tickets?: {
      /**
       * Where issues go when the entity has no `buildcache.io/tickets`
       * annotation: `source` (default: the issue tracker of the scanned
       * GitHub/GitLab repository), `jira` or `jira:KEY`, `github:owner/repo`,
       * `gitlab:group/project`. Fix pull requests always go to the scanned
       * repository.
       */
      defaultTracker?: string;
      /** Labels of every issue and pull request (default `buildcache`). */
      labels?: string[];
      /**
       * Comment on and close open tickets once a later scan no longer shows
       * their findings (default true).
       */
      closeWhenFixed?: boolean;
      /** How often ticket states are read back (default every 15 minutes). */
      syncSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Services a campaign files for per minute (default 30). */
      campaignServicesPerMinute?: number;
      /**
       * Text of tickets, with placeholders {{service}}, {{entityRef}},
       * {{owner}}, {{count}}, {{summary}}, {{rules}}, {{findings}},
       * {{rationale}}, {{fix}}, {{scorecardUrl}}. A fingerprint line is
       * always appended to the body.
       */
      template?: {
        issueTitle?: string;
        pullRequestTitle?: string;
        body?: string;
      };
      /** Jira, for entities annotated `buildcache.io/tickets: jira[:KEY]`. */
      jira?: {
        /** e.g. https://example.atlassian.net */
        baseUrl: string;
        /** Project used when the annotation says only `jira`. */
        projectKey?: string;
        /** Issue type name (default Task). */
        issueType?: string;
        labels?: string[];
        /** Jira Cloud: account email, with apiToken. */
        email?: string;
        /** @visibility secret */
        apiToken?: string;
        /** Jira Data Center: a personal access token. @visibility secret */
        personalAccessToken?: string;
      };
    };
    /**
     * Directories the local-directory URL reader may read (`file:` URLs).
     * Used for offline demos and tests; leave unset in production.
     */
    localRepositories?: {
      allowedRoots?: string[];
    };
  };
}
