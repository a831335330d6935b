// Generated from openapi.yaml by scripts/generate-openapi.mjs. Do not edit:
// change openapi.yaml and run `yarn workspace @buildcache/plugin-buildcache-backend openapi:generate`.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "buildcache",
    "version": "1",
    "description": "Scorecards of how well catalogued services use Docker BuildKit caching, and org-wide compliance. Served under /api/buildcache.",
    "license": {
      "name": "Apache-2.0"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "paths": {
    "/v1/entities/{kind}/{namespace}/{name}/scorecard": {
      "get": {
        "operationId": "GetScorecard",
        "description": "Score, level, files and findings of one service, with SCM links.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The scorecard (score and level are null when never scanned).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Scorecard"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/entities/{kind}/{namespace}/{name}/fix.patch": {
      "get": {
        "operationId": "GetCombinedPatch",
        "description": "One patch for the whole service: the combined, closure-checked fix of every file of its last good scan, to `git apply` at the repository root. Empty when nothing is fixable.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "A unified diff (possibly empty).",
            "content": {
              "text/x-diff": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/entities/{kind}/{namespace}/{name}/source": {
      "get": {
        "operationId": "GetSourceFile",
        "description": "One build file of the service's last good scan, read now from the service's source location: the portal's view of files whose source has no web view (local directories). Only files the scan analyzed can be read, up to the scan's file size limit.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "path",
            "in": "query",
            "required": true,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 1024
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file's text.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SourceFile"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/entities/{kind}/{namespace}/{name}/history": {
      "get": {
        "operationId": "GetHistory",
        "description": "Score over time, oldest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "History points.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/HistoryPoint"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/entities/{kind}/{namespace}/{name}/scan": {
      "post": {
        "operationId": "RequestScan",
        "description": "Queues a scan of the service (or returns the one already active).",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "202": {
            "description": "The scan was queued.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "scanId",
                    "status"
                  ],
                  "properties": {
                    "scanId": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "status": {
                      "$ref": "#/components/schemas/ScanStatus"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scans/{id}": {
      "get": {
        "operationId": "GetScan",
        "description": "Status of one scan.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The scan.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScanSummary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/compliance/summary": {
      "get": {
        "operationId": "GetComplianceSummary",
        "description": "Counts per level, mean score, groups, adoption per rule and trend of the services matching the filters (the same filters as /v1/compliance/services).",
        "parameters": [
          {
            "name": "groupBy",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "owner",
                "system",
                "rule"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/ownerFilter"
          },
          {
            "$ref": "#/components/parameters/systemFilter"
          },
          {
            "$ref": "#/components/parameters/levelFilter"
          },
          {
            "$ref": "#/components/parameters/ruleIdFilter"
          },
          {
            "$ref": "#/components/parameters/textFilter"
          }
        ],
        "responses": {
          "200": {
            "description": "The summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ComplianceSummary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/compliance/facets": {
      "get": {
        "operationId": "GetComplianceFacets",
        "description": "The filter choices of the org views: owners and systems of scanned services, and the rules some service currently fails. One cheap read.",
        "responses": {
          "200": {
            "description": "The facets.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ComplianceFacets"
                }
              }
            }
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/compliance/services": {
      "get": {
        "operationId": "ListComplianceServices",
        "description": "Services filtered, sorted and paged on the server. With `Accept: text/csv`, every matching service (up to 10,000) as CSV.",
        "parameters": [
          {
            "$ref": "#/components/parameters/ownerFilter"
          },
          {
            "$ref": "#/components/parameters/systemFilter"
          },
          {
            "$ref": "#/components/parameters/levelFilter"
          },
          {
            "$ref": "#/components/parameters/ruleIdFilter"
          },
          {
            "$ref": "#/components/parameters/textFilter"
          },
          {
            "name": "orderBy",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "name",
                "owner",
                "system",
                "score",
                "level",
                "scannedAt"
              ],
              "default": "name"
            }
          },
          {
            "name": "order",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "asc",
                "desc"
              ],
              "default": "asc"
            }
          },
          {
            "name": "offset",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 0,
              "default": 0
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 25
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of services, or CSV.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ComplianceServicesPage"
                }
              },
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/compliance/findings": {
      "get": {
        "operationId": "ExportFindings",
        "description": "One CSV row per finding of the current result (last good scan) of each service matching the filters (the same filters as /v1/compliance/services; with `ruleId`, only that rule's findings): service, owner, system, rule, file, line, severity and state (open, suppressed or waived). Streamed, up to 100,000 rows.",
        "parameters": [
          {
            "$ref": "#/components/parameters/ownerFilter"
          },
          {
            "$ref": "#/components/parameters/systemFilter"
          },
          {
            "$ref": "#/components/parameters/levelFilter"
          },
          {
            "$ref": "#/components/parameters/ruleIdFilter"
          },
          {
            "$ref": "#/components/parameters/textFilter"
          }
        ],
        "responses": {
          "200": {
            "description": "The findings as CSV.",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/rules": {
      "get": {
        "operationId": "ListRules",
        "description": "Every rule, including rules added by backend modules, with docs.",
        "responses": {
          "200": {
            "description": "The rules.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/RuleInfo"
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/v1/waivers": {
      "get": {
        "operationId": "ListWaivers",
        "parameters": [
          {
            "name": "target",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "$ref": "#/components/schemas/WaiverTarget"
            }
          },
          {
            "name": "ruleId",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z][A-Za-z0-9_-]{1,15}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Waivers, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Waiver"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "operationId": "CreateWaiver",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateWaiverRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The waiver; affected services are re-scored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Waiver"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/waivers/{id}": {
      "delete": {
        "operationId": "DeleteWaiver",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted; affected services are re-scored."
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/entities/{kind}/{namespace}/{name}/tickets": {
      "post": {
        "operationId": "CreateTicket",
        "description": "Files an issue in the service's tracker, or opens a pull/merge request committing the combined fixes of the chosen findings' files. Findings already covered by an open ticket of the same kind are not filed twice: that ticket is updated instead. With dryRun, renders what would be sent without sending it.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateTicketRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Already filed (updated or being filed), or a dry run.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TicketResult"
                }
              }
            }
          },
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TicketResult"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/tickets": {
      "get": {
        "operationId": "ListTickets",
        "description": "Tickets and fix pull requests filed by buildcache, newest first.",
        "parameters": [
          {
            "name": "entityRef",
            "in": "query",
            "required": true,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 512
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The service's tickets.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Ticket"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/campaigns": {
      "post": {
        "operationId": "CreateCampaign",
        "description": "Files a ticket or fix pull request for every scanned service matching the filter (at most 2,000), at a bounded rate. A dry run answers with what each service would get; otherwise the campaign proceeds in the background and GET /v1/campaigns/{id} shows its progress.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateCampaignRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The finished dry run.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Campaign"
                }
              }
            }
          },
          "202": {
            "description": "The campaign was started.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Campaign"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/campaigns/{id}": {
      "get": {
        "operationId": "GetCampaign",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The campaign and a result per service so far.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Campaign"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  },
  "components": {
    "parameters": {
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9._-]+$",
          "maxLength": 253
        }
      },
      "namespace": {
        "name": "namespace",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9._-]+$",
          "maxLength": 253
        }
      },
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9._-]+$",
          "maxLength": 253
        }
      },
      "ownerFilter": {
        "name": "owner",
        "in": "query",
        "required": false,
        "description": "Owner entity ref.",
        "schema": {
          "type": "string",
          "maxLength": 512
        },
        "allowReserved": true
      },
      "systemFilter": {
        "name": "system",
        "in": "query",
        "required": false,
        "description": "System entity ref.",
        "schema": {
          "type": "string",
          "maxLength": 512
        },
        "allowReserved": true
      },
      "levelFilter": {
        "name": "level",
        "in": "query",
        "required": false,
        "schema": {
          "$ref": "#/components/schemas/Level"
        }
      },
      "ruleIdFilter": {
        "name": "ruleId",
        "in": "query",
        "required": false,
        "description": "Services with an open finding of this rule.",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z][A-Za-z0-9_-]{1,15}$"
        }
      },
      "textFilter": {
        "name": "q",
        "in": "query",
        "required": false,
        "description": "Text in the service's entity ref or title.",
        "schema": {
          "type": "string",
          "maxLength": 200
        }
      }
    },
    "responses": {
      "Error": {
        "description": "A Backstage error body naming the problem.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "request": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "method": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            }
          },
          "response": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "statusCode": {
                "type": "integer"
              }
            }
          }
        }
      },
      "Severity": {
        "type": "string",
        "enum": [
          "error",
          "warning",
          "info"
        ]
      },
      "Level": {
        "type": "string",
        "enum": [
          "Gold",
          "Silver",
          "Bronze",
          "None",
          "NotApplicable"
        ]
      },
      "ScanStatus": {
        "type": "string",
        "enum": [
          "queued",
          "running",
          "succeeded",
          "unchanged",
          "failed"
        ]
      },
      "SeverityCounts": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "error",
          "warning",
          "info"
        ],
        "properties": {
          "error": {
            "type": "integer"
          },
          "warning": {
            "type": "integer"
          },
          "info": {
            "type": "integer"
          }
        }
      },
      "LevelCounts": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "Gold",
          "Silver",
          "Bronze",
          "None",
          "NotApplicable"
        ],
        "properties": {
          "Gold": {
            "type": "integer"
          },
          "Silver": {
            "type": "integer"
          },
          "Bronze": {
            "type": "integer"
          },
          "None": {
            "type": "integer"
          },
          "NotApplicable": {
            "type": "integer"
          }
        }
      },
      "ScanSummary": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "entityRef",
          "status",
          "startedAt",
          "finishedAt",
          "error"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/ScanStatus"
          },
          "startedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "finishedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "error": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Fix": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "description",
          "diff"
        ],
        "properties": {
          "description": {
            "type": "string"
          },
          "diff": {
            "type": [
              "string",
              "null"
            ],
            "description": "Unified diff against the finding's file."
          }
        }
      },
      "WaiverRef": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "reason",
          "createdBy",
          "expiresAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "reason": {
            "type": "string"
          },
          "createdBy": {
            "type": "string",
            "description": "Who waived it (a user or service entity ref)."
          },
          "expiresAt": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "ScorecardFinding": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ruleId",
          "severity",
          "message",
          "path",
          "line",
          "column",
          "endLine",
          "endColumn",
          "suppressed",
          "fix",
          "url",
          "waiver",
          "newSinceLastScan"
        ],
        "properties": {
          "ruleId": {
            "type": "string"
          },
          "severity": {
            "$ref": "#/components/schemas/Severity"
          },
          "message": {
            "type": "string"
          },
          "path": {
            "type": "string"
          },
          "line": {
            "type": "integer"
          },
          "column": {
            "type": "integer"
          },
          "endLine": {
            "type": "integer"
          },
          "endColumn": {
            "type": "integer"
          },
          "suppressed": {
            "type": "boolean"
          },
          "suppressionReason": {
            "type": "string"
          },
          "fix": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Fix"
              },
              {
                "type": "null"
              }
            ]
          },
          "url": {
            "type": [
              "string",
              "null"
            ],
            "description": "Link to the line in the SCM."
          },
          "waiver": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/WaiverRef"
              },
              {
                "type": "null"
              }
            ]
          },
          "newSinceLastScan": {
            "type": "boolean",
            "description": "The previous scan with a result had no such finding (same rule, file and message); false when there is no previous scan."
          }
        }
      },
      "CombinedFix": {
        "type": "object",
        "additionalProperties": false,
        "description": "Every fix of one file in one closure-checked patch.",
        "required": [
          "diff",
          "fixes"
        ],
        "properties": {
          "diff": {
            "type": "string",
            "description": "Unified diff against the scanned file"
          },
          "fixes": {
            "type": "integer",
            "description": "Findings the patch removes"
          }
        }
      },
      "ComplianceFacets": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "owners",
          "systems",
          "ruleIds"
        ],
        "properties": {
          "owners": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "systems": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "ruleIds": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "ScorecardFile": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path",
          "kind",
          "url",
          "combinedFix"
        ],
        "properties": {
          "path": {
            "type": "string"
          },
          "kind": {
            "type": "string"
          },
          "url": {
            "type": [
              "string",
              "null"
            ]
          },
          "combinedFix": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/CombinedFix"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "Scorecard": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entityRef",
          "score",
          "level",
          "scannedAt",
          "commit",
          "stale",
          "lastScan",
          "files",
          "findings",
          "counts"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "score": {
            "type": [
              "integer",
              "null"
            ]
          },
          "level": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Level"
              },
              {
                "type": "null"
              }
            ]
          },
          "scannedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "commit": {
            "type": [
              "string",
              "null"
            ]
          },
          "stale": {
            "type": "boolean"
          },
          "lastScan": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/ScanSummary"
              },
              {
                "type": "null"
              }
            ]
          },
          "files": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ScorecardFile"
            }
          },
          "findings": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ScorecardFinding"
            }
          },
          "counts": {
            "$ref": "#/components/schemas/SeverityCounts"
          }
        }
      },
      "HistoryPoint": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "scannedAt",
          "score",
          "level",
          "event"
        ],
        "properties": {
          "scannedAt": {
            "type": "string",
            "description": "When the score changed (the scan's end, or the waiver change)."
          },
          "score": {
            "type": "integer"
          },
          "level": {
            "$ref": "#/components/schemas/Level"
          },
          "event": {
            "type": "string",
            "enum": [
              "scan",
              "waiver"
            ],
            "description": "scan: a scan finished; waiver: a waiver was created, removed or expired and the last scan's findings were re-scored."
          }
        }
      },
      "ComplianceService": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entityRef",
          "title",
          "owner",
          "system",
          "score",
          "level",
          "scannedAt",
          "stale",
          "hasSource",
          "counts"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "owner": {
            "type": [
              "string",
              "null"
            ]
          },
          "system": {
            "type": [
              "string",
              "null"
            ]
          },
          "score": {
            "type": [
              "integer",
              "null"
            ]
          },
          "level": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Level"
              },
              {
                "type": "null"
              }
            ]
          },
          "scannedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "stale": {
            "type": "boolean"
          },
          "hasSource": {
            "type": "boolean"
          },
          "counts": {
            "$ref": "#/components/schemas/SeverityCounts"
          }
        }
      },
      "ComplianceServicesPage": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "items",
          "totalCount",
          "offset",
          "limit"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ComplianceService"
            }
          },
          "totalCount": {
            "type": "integer"
          },
          "offset": {
            "type": "integer"
          },
          "limit": {
            "type": "integer"
          }
        }
      },
      "ComplianceGroup": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "key",
          "services",
          "meanScore",
          "levels"
        ],
        "properties": {
          "key": {
            "type": "string"
          },
          "services": {
            "type": "integer"
          },
          "meanScore": {
            "type": [
              "number",
              "null"
            ]
          },
          "levels": {
            "$ref": "#/components/schemas/LevelCounts"
          }
        }
      },
      "RuleAdoption": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ruleId",
          "applicable",
          "passing",
          "percent"
        ],
        "properties": {
          "ruleId": {
            "type": "string"
          },
          "applicable": {
            "type": "integer"
          },
          "passing": {
            "type": "integer"
          },
          "percent": {
            "type": "number"
          }
        }
      },
      "TrendPoint": {
        "description": "A day of the last 30 with history: the mean score of the services whose latest result at the end of that day has a score (NotApplicable ones are left out), and how many they are. The last point is today's mean when a service was scored today.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "date",
          "meanScore",
          "services"
        ],
        "properties": {
          "date": {
            "type": "string"
          },
          "meanScore": {
            "type": "number"
          },
          "services": {
            "type": "integer"
          }
        }
      },
      "ComplianceSummary": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "groupBy",
          "services",
          "meanScore",
          "levels",
          "groups",
          "adoption",
          "trend"
        ],
        "properties": {
          "groupBy": {
            "oneOf": [
              {
                "type": "string",
                "enum": [
                  "owner",
                  "system",
                  "rule"
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "services": {
            "type": "integer"
          },
          "meanScore": {
            "type": [
              "number",
              "null"
            ]
          },
          "levels": {
            "$ref": "#/components/schemas/LevelCounts"
          },
          "groups": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ComplianceGroup"
            }
          },
          "adoption": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RuleAdoption"
            }
          },
          "trend": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TrendPoint"
            }
          }
        }
      },
      "RuleInfo": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "target",
          "name",
          "severity",
          "summary",
          "rationale",
          "recommendedFix",
          "sources",
          "docs"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "target": {
            "type": "string",
            "enum": [
              "dockerfile",
              "build-config",
              "analysis"
            ],
            "description": "What the rule looks at."
          },
          "name": {
            "type": "string"
          },
          "severity": {
            "$ref": "#/components/schemas/Severity"
          },
          "summary": {
            "type": "string"
          },
          "rationale": {
            "type": "string"
          },
          "recommendedFix": {
            "type": "string"
          },
          "sources": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "docs": {
            "type": "string",
            "description": "Markdown."
          },
          "example": {
            "$ref": "#/components/schemas/RuleExample"
          }
        }
      },
      "RuleExample": {
        "type": "object",
        "additionalProperties": false,
        "description": "A file the rule reports on, what it says and the fix it offers (built-in rules).",
        "required": [
          "path",
          "text",
          "message",
          "diff"
        ],
        "properties": {
          "path": {
            "type": "string"
          },
          "text": {
            "type": "string"
          },
          "message": {
            "type": "string"
          },
          "diff": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Waiver": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "target",
          "ruleId",
          "path",
          "reason",
          "createdBy",
          "createdAt",
          "expiresAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "target": {
            "type": "string"
          },
          "ruleId": {
            "type": "string"
          },
          "path": {
            "type": [
              "string",
              "null"
            ]
          },
          "reason": {
            "type": "string"
          },
          "createdBy": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "expiresAt": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "SourceFile": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "path",
          "text",
          "url"
        ],
        "properties": {
          "path": {
            "type": "string"
          },
          "text": {
            "type": "string",
            "description": "The file as UTF-8 text (shown as text, never as HTML)."
          },
          "url": {
            "type": [
              "string",
              "null"
            ],
            "description": "The file in the SCM's web view, when the source has one."
          }
        }
      },
      "WaiverTarget": {
        "type": "string",
        "maxLength": 512,
        "pattern": "^(\\*|[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)$",
        "description": "`*`, or an entity ref written in full: component:default/payments, or an owner ref such as group:default/team-a."
      },
      "CreateWaiverRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "target",
          "ruleId",
          "reason"
        ],
        "properties": {
          "target": {
            "$ref": "#/components/schemas/WaiverTarget"
          },
          "ruleId": {
            "type": "string",
            "pattern": "^[A-Za-z][A-Za-z0-9_-]{1,15}$"
          },
          "path": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 1024
          },
          "reason": {
            "type": "string",
            "minLength": 3,
            "maxLength": 2000,
            "description": "Why the finding is accepted (at least 3 characters besides surrounding blanks)."
          },
          "expiresAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "TicketKind": {
        "type": "string",
        "enum": [
          "issue",
          "pull-request"
        ]
      },
      "TicketState": {
        "type": "string",
        "enum": [
          "pending",
          "open",
          "closed",
          "merged"
        ]
      },
      "TicketOutcome": {
        "type": "string",
        "enum": [
          "created",
          "updated",
          "pending",
          "would-create",
          "would-update"
        ]
      },
      "FindingSelector": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ruleId"
        ],
        "properties": {
          "ruleId": {
            "type": "string",
            "pattern": "^[A-Za-z][A-Za-z0-9_-]{1,15}$"
          },
          "path": {
            "type": "string",
            "minLength": 1,
            "maxLength": 1024,
            "description": "Only this file; every file when absent."
          }
        }
      },
      "CreateTicketRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "kind"
        ],
        "properties": {
          "kind": {
            "$ref": "#/components/schemas/TicketKind"
          },
          "findings": {
            "type": "array",
            "maxItems": 200,
            "description": "The findings to file; every open one when absent.",
            "items": {
              "$ref": "#/components/schemas/FindingSelector"
            }
          },
          "dryRun": {
            "type": "boolean",
            "default": false
          }
        }
      },
      "TicketFinding": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "ruleId",
          "path",
          "fingerprint"
        ],
        "properties": {
          "ruleId": {
            "type": "string",
            "description": "`*` for a pull request: it applies the file's combined fix."
          },
          "path": {
            "type": "string"
          },
          "fingerprint": {
            "type": "string"
          }
        }
      },
      "Ticket": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "entityRef",
          "kind",
          "tracker",
          "target",
          "externalId",
          "url",
          "state",
          "title",
          "fingerprint",
          "branch",
          "createdBy",
          "createdAt",
          "updatedAt",
          "syncedAt",
          "closedReason",
          "syncError",
          "findings"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "kind": {
            "$ref": "#/components/schemas/TicketKind"
          },
          "tracker": {
            "type": "string",
            "enum": [
              "github",
              "gitlab",
              "jira"
            ]
          },
          "target": {
            "type": "string"
          },
          "externalId": {
            "type": [
              "string",
              "null"
            ]
          },
          "url": {
            "type": [
              "string",
              "null"
            ]
          },
          "state": {
            "$ref": "#/components/schemas/TicketState"
          },
          "title": {
            "type": "string"
          },
          "fingerprint": {
            "type": "string"
          },
          "branch": {
            "type": [
              "string",
              "null"
            ]
          },
          "createdBy": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "updatedAt": {
            "type": "string"
          },
          "syncedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "closedReason": {
            "type": [
              "string",
              "null"
            ]
          },
          "syncError": {
            "type": [
              "string",
              "null"
            ]
          },
          "findings": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TicketFinding"
            }
          }
        }
      },
      "TicketPreview": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "target",
          "title",
          "body",
          "patch"
        ],
        "properties": {
          "target": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "body": {
            "type": "string",
            "description": "Markdown",
            "as sent.": null
          },
          "patch": {
            "type": "string",
            "description": "The combined patch a pull request commits."
          }
        }
      },
      "TicketResult": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "outcome",
          "tickets",
          "preview"
        ],
        "properties": {
          "outcome": {
            "$ref": "#/components/schemas/TicketOutcome"
          },
          "tickets": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Ticket"
            }
          },
          "preview": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/TicketPreview"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CampaignFilter": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "ruleId": {
            "type": "string",
            "pattern": "^[A-Za-z][A-Za-z0-9_-]{1,15}$"
          },
          "owner": {
            "type": "string",
            "minLength": 1,
            "maxLength": 512
          },
          "system": {
            "type": "string",
            "minLength": 1,
            "maxLength": 512
          },
          "level": {
            "$ref": "#/components/schemas/Level"
          }
        }
      },
      "CreateCampaignRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "kind",
          "filter"
        ],
        "properties": {
          "kind": {
            "$ref": "#/components/schemas/TicketKind"
          },
          "filter": {
            "$ref": "#/components/schemas/CampaignFilter"
          },
          "dryRun": {
            "type": "boolean",
            "default": false
          }
        }
      },
      "CampaignServiceResult": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entityRef",
          "outcome",
          "ticketId",
          "ticketUrl",
          "reason"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "outcome": {
            "type": "string",
            "enum": [
              "created",
              "updated",
              "pending",
              "would-create",
              "would-update",
              "skipped",
              "failed"
            ]
          },
          "ticketId": {
            "type": [
              "string",
              "null"
            ]
          },
          "ticketUrl": {
            "type": [
              "string",
              "null"
            ]
          },
          "reason": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Campaign": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "id",
          "kind",
          "filter",
          "dryRun",
          "status",
          "total",
          "createdBy",
          "createdAt",
          "finishedAt",
          "results"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "kind": {
            "$ref": "#/components/schemas/TicketKind"
          },
          "filter": {
            "$ref": "#/components/schemas/CampaignFilter"
          },
          "dryRun": {
            "type": "boolean"
          },
          "status": {
            "type": "string",
            "enum": [
              "running",
              "done",
              "interrupted"
            ]
          },
          "total": {
            "type": "integer"
          },
          "createdBy": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "finishedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CampaignServiceResult"
            }
          }
        }
      }
    }
  }
} as const;

export type BuildcacheApiRouter = ReturnType<typeof createValidatedOpenApiRouter<typeof spec>>;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
): Promise<BuildcacheApiRouter> =>
  createValidatedOpenApiRouter<typeof spec>(spec, options);
