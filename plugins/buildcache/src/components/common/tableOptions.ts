import type { TableOptions } from '@backstage/core-components';

/**
 * Options every table of the plugin starts from: no column dragging, which
 * nests a focusable drag handle inside each sortable header (axe:
 * nested-interactive).
 */
export const BASE_TABLE_OPTIONS: TableOptions = { draggable: false };
