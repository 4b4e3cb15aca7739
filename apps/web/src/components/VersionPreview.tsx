import type { Version } from '@inkwell/protocol';
import { useState } from 'react';
import { useAppState } from '../hooks/use-app-channel.ts';
import { useVersionContent } from '../hooks/use-versions.ts';
import { errorMessage } from '../lib/api-error.ts';
import type { AppClient } from '../sync/app-client.ts';
import { VersionContent } from './VersionContent.tsx';
import { VersionDiff } from './VersionDiff.tsx';
import { VersionMeta } from './VersionMeta.tsx';
import { type VersionView, VersionViewSwitch } from './VersionViewSwitch.tsx';

interface VersionPreviewProps {
  app: AppClient | null;
  docId: string;
  version: Version;
  /** Why restoring is not possible now (offline, view only); null when it is. */
  disabledReason: string | null;
  restoring: boolean;
  onRestore: (version: Version) => void;
  onBack: () => void;
}

/**
 * One version, read-only: what changed in it, how it differs from the document now, or its
 * whole text; "Restore this version" behind a confirmation.
 */
export function VersionPreview({ app, docId, version, disabledReason, restoring, onRestore, onBack }: VersionPreviewProps) {
  const content = useVersionContent(app, docId, version.id);
  const ready = useAppState(app).status === 'ready';
  const [confirming, setConfirming] = useState(false);
  const [view, setView] = useState<VersionView>('previous');

  return (
    <div className="version-preview" data-testid="version-preview">
      <button type="button" className="button button--ghost button--small version-preview__back" onClick={onBack}>
        <span aria-hidden="true">←</span> All versions
      </button>
      <div className="version-preview__head">
        <h3 className="version-preview__title">{version.label}</h3>
        <VersionMeta version={version} />
      </div>

      <VersionViewSwitch value={view} onChange={setView} />

      <div className="version-preview__frame">
        {view !== 'full' ? (
          <VersionDiff key={view} docId={docId} versionId={version.id} against={view} />
        ) : content.data ? (
          <VersionContent update={content.data.update} />
        ) : content.isError ? (
          <div className="panel-note panel-note--error" role="alert">
            <span>Couldn't load this version: {errorMessage(content.error)}</span>
            <button type="button" className="button button--small" onClick={() => void content.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="panel-empty" aria-busy="true">
            {ready ? 'Loading this version…' : 'Waiting for the connection…'}
          </p>
        )}
      </div>

      {confirming ? (
        <fieldset className="confirm" aria-label="Confirm restore">
          <p className="confirm__text">
            Replace the document with this version for everyone? The current text is saved as a version first, so you can undo this.
          </p>
          <div className="confirm__actions">
            <button type="button" className="button button--small" onClick={() => setConfirming(false)} disabled={restoring}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => onRestore(version)}
              disabled={restoring || disabledReason !== null}
            >
              {restoring ? 'Restoring…' : 'Restore'}
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="version-preview__actions">
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => setConfirming(true)}
            disabled={disabledReason !== null || !content.data}
            title={disabledReason ?? undefined}
          >
            Restore this version
          </button>
        </div>
      )}
      {disabledReason && <p className="field__hint">{disabledReason}</p>}
    </div>
  );
}
