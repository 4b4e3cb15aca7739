import { type Role, VERSION_LABEL_MAX_LENGTH, type Version } from '@inkwell/protocol';
import { type FormEvent, useId, useState } from 'react';
import { useAppState } from '../hooks/use-app-channel.ts';
import { useCreateVersion, useRestoreVersion, useVersions } from '../hooks/use-versions.ts';
import { errorMessage } from '../lib/api-error.ts';
import { canEdit } from '../lib/roles.ts';
import type { AppClient } from '../sync/app-client.ts';
import { SidePanel } from './SidePanel.tsx';
import { VersionMeta } from './VersionMeta.tsx';
import { VersionPreview } from './VersionPreview.tsx';

interface VersionsPanelProps {
  app: AppClient | null;
  docId: string;
  role: Role;
  onClose: () => void;
}

/** What the last restore did, for the notice with "Undo restore". */
type RestoreNotice = { kind: 'restored'; restored: Version; backup: Version } | { kind: 'undone' } | { kind: 'failed'; message: string };

function disabledReasonFor(ready: boolean, role: Role): string | null {
  if (!canEdit(role)) return 'Only editors can restore versions.';
  if (!ready) return 'Offline: versions can be saved and restored once the connection returns.';
  return null;
}

/** The document's versions (named, automatic, before a restore): save one, list them, see what changed, restore one (and undo). */
export function VersionsPanel({ app, docId, role, onClose }: VersionsPanelProps) {
  const ready = useAppState(app).status === 'ready';
  const versions = useVersions(app, docId);
  const create = useCreateVersion(app, docId);
  const restore = useRestoreVersion(app, docId);
  const [label, setLabel] = useState('');
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [notice, setNotice] = useState<RestoreNotice | null>(null);
  const labelId = useId();
  const hintId = useId();
  const disabledReason = disabledReasonFor(ready, role);
  const preview = versions.data?.find((version) => version.id === previewId) ?? null;

  function handleCreate(event: FormEvent) {
    event.preventDefault();
    if (disabledReason) return;
    create.mutate(label, { onSuccess: () => setLabel('') });
  }

  function handleRestore(version: Version) {
    restore.mutate(version.id, {
      onSuccess: ({ restored, backup }) => {
        setPreviewId(null);
        setNotice({ kind: 'restored', restored, backup });
      },
      onError: (error) => setNotice({ kind: 'failed', message: `Couldn't restore: ${errorMessage(error)}` }),
    });
  }

  function handleUndo(backup: Version) {
    restore.mutate(backup.id, {
      onSuccess: () => setNotice({ kind: 'undone' }),
      onError: (error) => setNotice({ kind: 'failed', message: `Couldn't undo the restore: ${errorMessage(error)}` }),
    });
  }

  return (
    <SidePanel name="versions" title="Versions" onClose={onClose}>
      {notice && (
        <RestoreNoticeView
          notice={notice}
          undoing={restore.isPending}
          undoDisabled={disabledReason !== null}
          onUndo={handleUndo}
          onDismiss={() => setNotice(null)}
        />
      )}
      {preview ? (
        <VersionPreview
          app={app}
          docId={docId}
          version={preview}
          disabledReason={disabledReason}
          restoring={restore.isPending}
          onRestore={handleRestore}
          onBack={() => setPreviewId(null)}
        />
      ) : (
        <>
          {canEdit(role) ? (
            <form className="version-form" onSubmit={handleCreate} noValidate>
              <label className="field__label" htmlFor={labelId}>
                Name this version
              </label>
              <div className="version-form__row">
                <input
                  id={labelId}
                  className="input input--compact"
                  value={label}
                  placeholder="e.g. First draft"
                  maxLength={VERSION_LABEL_MAX_LENGTH}
                  onChange={(event) => setLabel(event.target.value)}
                  disabled={disabledReason !== null || create.isPending}
                  aria-describedby={disabledReason ? hintId : undefined}
                />
                <button
                  type="submit"
                  className="button button--primary button--small"
                  disabled={disabledReason !== null || create.isPending}
                >
                  {create.isPending ? 'Saving…' : 'Save version'}
                </button>
              </div>
              {disabledReason ? (
                <p id={hintId} className="field__hint">
                  {disabledReason}
                </p>
              ) : (
                <p className="field__hint">Leave the name blank to name it after the time.</p>
              )}
              {create.isError && (
                <p className="field__error" role="alert">
                  Couldn't save the version: {errorMessage(create.error)}
                </p>
              )}
            </form>
          ) : (
            <p className="panel-note">You can look at versions; only editors can save or restore them.</p>
          )}
          <VersionList
            versions={versions.data}
            loading={versions.isPending}
            waiting={!ready && versions.data === undefined}
            error={versions.isError && !versions.data ? versions.error : null}
            onRetry={() => void versions.refetch()}
            onPreview={setPreviewId}
          />
        </>
      )}
    </SidePanel>
  );
}

interface VersionListProps {
  versions: Version[] | undefined;
  loading: boolean;
  /** Not connected and nothing to show yet. */
  waiting: boolean;
  error: unknown;
  onRetry: () => void;
  onPreview: (id: string) => void;
}

function VersionList({ versions, loading, waiting, error, onRetry, onPreview }: VersionListProps) {
  if (error) {
    return (
      <div className="panel-note panel-note--error" role="alert">
        <span>Couldn't load the versions: {errorMessage(error)}</span>
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (waiting) return <p className="panel-empty">Versions appear once the connection is back.</p>;
  if (loading || !versions) {
    return (
      <p className="panel-empty" aria-busy="true">
        Loading versions…
      </p>
    );
  }
  if (versions.length === 0) {
    return (
      <p className="panel-empty" data-testid="versions-empty">
        No versions yet. Inkwell saves one automatically while the document is edited; name one to keep this moment.
      </p>
    );
  }
  return (
    <ul className="version-list" aria-label="Saved versions">
      {versions.map((version) => (
        <li key={version.id}>
          <button type="button" className="version-item" data-testid="version-item" onClick={() => onPreview(version.id)}>
            <span className="version-item__label">{version.label}</span>
            <VersionMeta version={version} />
          </button>
        </li>
      ))}
    </ul>
  );
}

interface RestoreNoticeViewProps {
  notice: RestoreNotice;
  undoing: boolean;
  undoDisabled: boolean;
  onUndo: (backup: Version) => void;
  onDismiss: () => void;
}

function RestoreNoticeView({ notice, undoing, undoDisabled, onUndo, onDismiss }: RestoreNoticeViewProps) {
  const error = notice.kind === 'failed';
  return (
    <div
      className={`restore-notice${error ? ' restore-notice--error' : ''}`}
      role={error ? 'alert' : 'status'}
      data-testid="restore-notice"
    >
      <span className="restore-notice__text">
        {notice.kind === 'restored' && <>Restored “{notice.restored.label}” for everyone.</>}
        {notice.kind === 'undone' && <>Restore undone: the document is back to how it was.</>}
        {notice.kind === 'failed' && notice.message}
      </span>
      <span className="restore-notice__actions">
        {notice.kind === 'restored' && (
          <button type="button" className="button button--small" onClick={() => onUndo(notice.backup)} disabled={undoing || undoDisabled}>
            {undoing ? 'Undoing…' : 'Undo restore'}
          </button>
        )}
        <button type="button" className="icon-button restore-notice__dismiss" aria-label="Dismiss" onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      </span>
    </div>
  );
}
