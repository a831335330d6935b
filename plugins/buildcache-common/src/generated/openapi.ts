// Generated from plugins/buildcache-backend/src/schema/openapi.yaml by its
// scripts/generate-openapi.mjs (openapi-typescript). Do not edit: change the
// spec and run `yarn workspace @buildcache/plugin-buildcache-backend openapi:generate`.
/* eslint-disable */
export type paths = {
    "/v1/entities/{kind}/{namespace}/{name}/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Score, level, files and findings of one service, with SCM links. */
        get: operations["GetScorecard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entities/{kind}/{namespace}/{name}/fix.patch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One patch for the whole service: the combined, closure-checked fix of every file of its last good scan, to `git apply` at the repository root. Empty when nothing is fixable. */
        get: operations["GetCombinedPatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entities/{kind}/{namespace}/{name}/source": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One build file of the service's last good scan, read now from the service's source location: the portal's view of files whose source has no web view (local directories). Only files the scan analyzed can be read, up to the scan's file size limit. */
        get: operations["GetSourceFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entities/{kind}/{namespace}/{name}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Score over time, oldest first. */
        get: operations["GetHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entities/{kind}/{namespace}/{name}/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Queues a scan of the service (or returns the one already active). */
        post: operations["RequestScan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Status of one scan. */
        get: operations["GetScan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Counts per level, mean score, groups, adoption per rule and trend of the services matching the filters (the same filters as /v1/compliance/services). */
        get: operations["GetComplianceSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/facets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The filter choices of the org views: owners and systems of scanned services, and the rules some service currently fails. One cheap read. */
        get: operations["GetComplianceFacets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Services filtered, sorted and paged on the server. With `Accept: text/csv`, every matching service (up to 10,000) as CSV. */
        get: operations["ListComplianceServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/compliance/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One CSV row per finding of the current result (last good scan) of each service matching the filters (the same filters as /v1/compliance/services; with `ruleId`, only that rule's findings): service, owner, system, rule, file, line, severity and state (open, suppressed or waived). Streamed, up to 100,000 rows. */
        get: operations["ExportFindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every rule, including rules added by backend modules, with docs. */
        get: operations["ListRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/waivers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListWaivers"];
        put?: never;
        post: operations["CreateWaiver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/waivers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["DeleteWaiver"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/entities/{kind}/{namespace}/{name}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Files an issue in the service's tracker, or opens a pull/merge request committing the combined fixes of the chosen findings' files. Findings already covered by an open ticket of the same kind are not filed twice: that ticket is updated instead. With dryRun, renders what would be sent without sending it. */
        post: operations["CreateTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Tickets and fix pull requests filed by buildcache, newest first. */
        get: operations["ListTickets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Files a ticket or fix pull request for every scanned service matching the filter (at most 2,000), at a bounded rate. A dry run answers with what each service would get; otherwise the campaign proceeds in the background and GET /v1/campaigns/{id} shows its progress. */
        post: operations["CreateCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        Error: {
            error: {
                name: string;
                message: string;
            };
            request?: {
                method?: string;
                url?: string;
            };
            response?: {
                statusCode?: number;
            };
        };
        /** @enum {string} */
        Severity: "error" | "warning" | "info";
        /** @enum {string} */
        Level: "Gold" | "Silver" | "Bronze" | "None" | "NotApplicable";
        /** @enum {string} */
        ScanStatus: "queued" | "running" | "succeeded" | "unchanged" | "failed";
        SeverityCounts: {
            error: number;
            warning: number;
            info: number;
        };
        LevelCounts: {
            Gold: number;
            Silver: number;
            Bronze: number;
            None: number;
            NotApplicable: number;
        };
        ScanSummary: {
            id: string;
            entityRef: string;
            status: components["schemas"]["ScanStatus"];
            startedAt: string | null;
            finishedAt: string | null;
            error: string | null;
        };
        Fix: {
            description: string;
            /** @description Unified diff against the finding's file. */
            diff: string | null;
        };
        WaiverRef: {
            id: string;
            reason: string;
            /** @description Who waived it (a user or service entity ref). */
            createdBy: string;
            expiresAt: string | null;
        };
        ScorecardFinding: {
            ruleId: string;
            severity: components["schemas"]["Severity"];
            message: string;
            path: string;
            line: number;
            column: number;
            endLine: number;
            endColumn: number;
            suppressed: boolean;
            suppressionReason?: string;
            fix: components["schemas"]["Fix"] | null;
            /** @description Link to the line in the SCM. */
            url: string | null;
            waiver: components["schemas"]["WaiverRef"] | null;
            /** @description The previous scan with a result had no such finding (same rule, file and message); false when there is no previous scan. */
            newSinceLastScan: boolean;
        };
        /** @description Every fix of one file in one closure-checked patch. */
        CombinedFix: {
            /** @description Unified diff against the scanned file */
            diff: string;
            /** @description Findings the patch removes */
            fixes: number;
        };
        ComplianceFacets: {
            owners: string[];
            systems: string[];
            ruleIds: string[];
        };
        ScorecardFile: {
            path: string;
            kind: string;
            url: string | null;
            combinedFix: components["schemas"]["CombinedFix"] | null;
        };
        Scorecard: {
            entityRef: string;
            score: number | null;
            level: components["schemas"]["Level"] | null;
            scannedAt: string | null;
            commit: string | null;
            stale: boolean;
            lastScan: components["schemas"]["ScanSummary"] | null;
            files: components["schemas"]["ScorecardFile"][];
            findings: components["schemas"]["ScorecardFinding"][];
            counts: components["schemas"]["SeverityCounts"];
        };
        HistoryPoint: {
            /** @description When the score changed (the scan's end, or the waiver change). */
            scannedAt: string;
            score: number;
            level: components["schemas"]["Level"];
            /**
             * @description scan: a scan finished; waiver: a waiver was created, removed or expired and the last scan's findings were re-scored.
             * @enum {string}
             */
            event: "scan" | "waiver";
        };
        ComplianceService: {
            entityRef: string;
            title: string;
            owner: string | null;
            system: string | null;
            score: number | null;
            level: components["schemas"]["Level"] | null;
            scannedAt: string | null;
            stale: boolean;
            hasSource: boolean;
            counts: components["schemas"]["SeverityCounts"];
        };
        ComplianceServicesPage: {
            items: components["schemas"]["ComplianceService"][];
            totalCount: number;
            offset: number;
            limit: number;
        };
        ComplianceGroup: {
            key: string;
            services: number;
            meanScore: number | null;
            levels: components["schemas"]["LevelCounts"];
        };
        RuleAdoption: {
            ruleId: string;
            applicable: number;
            passing: number;
            percent: number;
        };
        /** @description A day of the last 30 with history: the mean score of the services whose latest result at the end of that day has a score (NotApplicable ones are left out), and how many they are. The last point is today's mean when a service was scored today. */
        TrendPoint: {
            date: string;
            meanScore: number;
            services: number;
        };
        ComplianceSummary: {
            groupBy: ("owner" | "system" | "rule") | null;
            services: number;
            meanScore: number | null;
            levels: components["schemas"]["LevelCounts"];
            groups: components["schemas"]["ComplianceGroup"][];
            adoption: components["schemas"]["RuleAdoption"][];
            trend: components["schemas"]["TrendPoint"][];
        };
        RuleInfo: {
            id: string;
            /**
             * @description What the rule looks at.
             * @enum {string}
             */
            target: "dockerfile" | "build-config" | "analysis";
            name: string;
            severity: components["schemas"]["Severity"];
            summary: string;
            rationale: string;
            recommendedFix: string;
            sources: string[];
            /** @description Markdown. */
            docs: string;
            example?: components["schemas"]["RuleExample"];
        };
        /** @description A file the rule reports on, what it says and the fix it offers (built-in rules). */
        RuleExample: {
            path: string;
            text: string;
            message: string;
            diff: string | null;
        };
        Waiver: {
            id: string;
            target: string;
            ruleId: string;
            path: string | null;
            reason: string;
            createdBy: string;
            createdAt: string;
            expiresAt: string | null;
        };
        SourceFile: {
            path: string;
            /** @description The file as UTF-8 text (shown as text, never as HTML). */
            text: string;
            /** @description The file in the SCM's web view, when the source has one. */
            url: string | null;
        };
        /** @description `*`, or an entity ref written in full: component:default/payments, or an owner ref such as group:default/team-a. */
        WaiverTarget: string;
        CreateWaiverRequest: {
            target: components["schemas"]["WaiverTarget"];
            ruleId: string;
            path?: string | null;
            /** @description Why the finding is accepted (at least 3 characters besides surrounding blanks). */
            reason: string;
            /** Format: date-time */
            expiresAt?: string | null;
        };
        /** @enum {string} */
        TicketKind: "issue" | "pull-request";
        /** @enum {string} */
        TicketState: "pending" | "open" | "closed" | "merged";
        /** @enum {string} */
        TicketOutcome: "created" | "updated" | "pending" | "would-create" | "would-update";
        FindingSelector: {
            ruleId: string;
            /** @description Only this file; every file when absent. */
            path?: string;
        };
        CreateTicketRequest: {
            kind: components["schemas"]["TicketKind"];
            /** @description The findings to file; every open one when absent. */
            findings?: components["schemas"]["FindingSelector"][];
            /** @default false */
            dryRun?: boolean;
        };
        TicketFinding: {
            /** @description `*` for a pull request: it applies the file's combined fix. */
            ruleId: string;
            path: string;
            fingerprint: string;
        };
        Ticket: {
            id: string;
            entityRef: string;
            kind: components["schemas"]["TicketKind"];
            /** @enum {string} */
            tracker: "github" | "gitlab" | "jira";
            target: string;
            externalId: string | null;
            url: string | null;
            state: components["schemas"]["TicketState"];
            title: string;
            fingerprint: string;
            branch: string | null;
            createdBy: string;
            createdAt: string;
            updatedAt: string;
            syncedAt: string | null;
            closedReason: string | null;
            syncError: string | null;
            findings: components["schemas"]["TicketFinding"][];
        };
        TicketPreview: {
            target: string;
            title: string;
            /** @description Markdown */
            body: string;
            /** @description The combined patch a pull request commits. */
            patch: string;
        };
        TicketResult: {
            outcome: components["schemas"]["TicketOutcome"];
            tickets: components["schemas"]["Ticket"][];
            preview: components["schemas"]["TicketPreview"] | null;
        };
        CampaignFilter: {
            ruleId?: string;
            owner?: string;
            system?: string;
            level?: components["schemas"]["Level"];
        };
        CreateCampaignRequest: {
            kind: components["schemas"]["TicketKind"];
            filter: components["schemas"]["CampaignFilter"];
            /** @default false */
            dryRun?: boolean;
        };
        CampaignServiceResult: {
            entityRef: string;
            /** @enum {string} */
            outcome: "created" | "updated" | "pending" | "would-create" | "would-update" | "skipped" | "failed";
            ticketId: string | null;
            ticketUrl: string | null;
            reason: string | null;
        };
        Campaign: {
            id: string;
            kind: components["schemas"]["TicketKind"];
            filter: components["schemas"]["CampaignFilter"];
            dryRun: boolean;
            /** @enum {string} */
            status: "running" | "done" | "interrupted";
            total: number;
            createdBy: string;
            createdAt: string;
            finishedAt: string | null;
            results: components["schemas"]["CampaignServiceResult"][];
        };
    };
    responses: {
        /** @description A Backstage error body naming the problem. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        kind: string;
        namespace: string;
        name: string;
        /** @description Owner entity ref. */
        ownerFilter: string;
        /** @description System entity ref. */
        systemFilter: string;
        levelFilter: components["schemas"]["Level"];
        /** @description Services with an open finding of this rule. */
        ruleIdFilter: string;
        /** @description Text in the service's entity ref or title. */
        textFilter: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    GetScorecard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The scorecard (score and level are null when never scanned). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scorecard"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    GetCombinedPatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A unified diff (possibly empty). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/x-diff": string;
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    GetSourceFile: {
        parameters: {
            query: {
                path: string;
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file's text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceFile"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    GetHistory: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description History points. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["HistoryPoint"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    RequestScan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The scan was queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        scanId: string;
                        status: components["schemas"]["ScanStatus"];
                    };
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    GetScan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The scan. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanSummary"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    GetComplianceSummary: {
        parameters: {
            query?: {
                groupBy?: "owner" | "system" | "rule";
                /** @description Owner entity ref. */
                owner?: components["parameters"]["ownerFilter"];
                /** @description System entity ref. */
                system?: components["parameters"]["systemFilter"];
                level?: components["parameters"]["levelFilter"];
                /** @description Services with an open finding of this rule. */
                ruleId?: components["parameters"]["ruleIdFilter"];
                /** @description Text in the service's entity ref or title. */
                q?: components["parameters"]["textFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceSummary"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    GetComplianceFacets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The facets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceFacets"];
                };
            };
            403: components["responses"]["Error"];
        };
    };
    ListComplianceServices: {
        parameters: {
            query?: {
                /** @description Owner entity ref. */
                owner?: components["parameters"]["ownerFilter"];
                /** @description System entity ref. */
                system?: components["parameters"]["systemFilter"];
                level?: components["parameters"]["levelFilter"];
                /** @description Services with an open finding of this rule. */
                ruleId?: components["parameters"]["ruleIdFilter"];
                /** @description Text in the service's entity ref or title. */
                q?: components["parameters"]["textFilter"];
                orderBy?: "name" | "owner" | "system" | "score" | "level" | "scannedAt";
                order?: "asc" | "desc";
                offset?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of services, or CSV. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComplianceServicesPage"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    ExportFindings: {
        parameters: {
            query?: {
                /** @description Owner entity ref. */
                owner?: components["parameters"]["ownerFilter"];
                /** @description System entity ref. */
                system?: components["parameters"]["systemFilter"];
                level?: components["parameters"]["levelFilter"];
                /** @description Services with an open finding of this rule. */
                ruleId?: components["parameters"]["ruleIdFilter"];
                /** @description Text in the service's entity ref or title. */
                q?: components["parameters"]["textFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The findings as CSV. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    ListRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RuleInfo"][];
                    };
                };
            };
        };
    };
    ListWaivers: {
        parameters: {
            query?: {
                target?: components["schemas"]["WaiverTarget"];
                ruleId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Waivers, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Waiver"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    CreateWaiver: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWaiverRequest"];
            };
        };
        responses: {
            /** @description The waiver; affected services are re-scored. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Waiver"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    DeleteWaiver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; affected services are re-scored. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    CreateTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTicketRequest"];
            };
        };
        responses: {
            /** @description Already filed (updated or being filed), or a dry run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketResult"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketResult"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    ListTickets: {
        parameters: {
            query: {
                entityRef: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service's tickets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Ticket"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    CreateCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCampaignRequest"];
            };
        };
        responses: {
            /** @description The finished dry run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description The campaign was started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    GetCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign and a result per service so far. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            400: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
}
