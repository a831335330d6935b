import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import { RulesList } from './RulesList';

/** A button opening the rule catalogue in a dialog. */
export function RulesDialogButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outlined"
        onClick={() => setOpen(true)}
        startIcon={<MenuBookIcon />}
      >
        Rules
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        maxWidth="md"
        fullWidth
        aria-labelledby="buildcache-rules-title"
      >
        <DialogTitle id="buildcache-rules-title">buildcache rules</DialogTitle>
        <DialogContent dividers>{open && <RulesList />}</DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
