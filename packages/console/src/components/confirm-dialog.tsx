// A dialog that asks before an action: Cancel (focused first) and the action's button, which
// shows its pending label while the request runs; the request's error is shown under the text.
import { describeAuthError } from '@latchkey/react-hooks';
import type { ReactNode } from 'react';
import { Dialog } from './dialog.js';
import { Alert } from './page.js';

export function ConfirmDialog({
  open,
  title,
  onClose,
  confirmLabel,
  pendingLabel,
  tone = 'danger',
  pending,
  error,
  onConfirm,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  confirmLabel: string;
  pendingLabel: string;
  tone?: 'danger' | 'primary';
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={`btn btn-${tone}`}
            disabled={pending}
            onClick={onConfirm}
          >
            {pending ? pendingLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error ? <Alert>{describeAuthError(error)}</Alert> : null}
    </Dialog>
  );
}
