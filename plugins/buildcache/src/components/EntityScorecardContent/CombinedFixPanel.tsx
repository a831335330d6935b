import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import BuildIcon from '@material-ui/icons/Build';
import type { CombinedFix } from '@buildcache/plugin-buildcache-common';
import { downloadBlob } from '../common/CsvDownloadButton';
import { FixDiff } from './FixDiff';

/** The name a file's patch is saved under, e.g. `Dockerfile.buildcache.patch`. */
export function patchFileName(path: string): string {
  const base = path.split('/').pop() || 'file';
  return `${base}.buildcache.patch`;
}

/**
 * "Fix all in this file": the file's combined, closure-checked patch, shown
 * on request, to copy or download as a .patch for `git apply`.
 */
export function CombinedFixPanel(props: { path: string; fix: CombinedFix }) {
  const { path, fix } = props;
  const [open, setOpen] = useState(false);
  const id = `combined-fix-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const count = `${fix.fixes} fix${fix.fixes === 1 ? '' : 'es'}`;
  const label = `${open ? 'Hide' : 'Fix all in this file'} (${count})`;
  return (
    <Box mb={2}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 8 }}
      >
        <Button
          variant="outlined"
          size="small"
          startIcon={<BuildIcon />}
          aria-expanded={open}
          aria-controls={id}
          // every file card has one: the name says which file (and keeps
          // the visible text, for voice control)
          aria-label={`${label}: ${path}`}
          onClick={() => setOpen(!open)}
        >
          {label}
        </Button>
        <Button
          size="small"
          startIcon={<GetAppIcon />}
          aria-label={`Download .patch of the fixes of ${path}`}
          onClick={() =>
            downloadBlob(
              new Blob([fix.diff], { type: 'text/x-diff' }),
              patchFileName(path),
            )
          }
        >
          Download .patch
        </Button>
      </Box>
      {open && (
        <Box id={id} mt={1}>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            One patch applying every fix of this file together, checked to
            remove those findings and add none. Apply it with{' '}
            <code>git apply</code> at the repository root.
          </Typography>
          <FixDiff
            diff={fix.diff}
            label={`All fixes of ${path} (unified diff)`}
            copyLabel={`Copy all fixes of ${path}`}
          />
        </Box>
      )}
    </Box>
  );
}
